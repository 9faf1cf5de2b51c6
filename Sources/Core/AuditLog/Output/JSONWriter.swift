/// The one way dockaudit writes JSON: a document streamed into an `OutputBuffer` as it is
/// made — objects and arrays opened and closed, commas placed, every string escaped by
/// `Escaping.jsonString`. Events, reports, check, lint, boot and containers all write
/// through it, so one escaping and one layout hold everywhere: compact, keys in the order
/// written (documents that promise sorted keys write them sorted).
///
///     var json = JSONWriter()
///     json.object { o in
///         o.member("id", "1.000:5")
///         o.key("records"); o.array { a in a.int(1) }
///     }
///     let text = json.text()   // {"id":"1.000:5","records":[1]}
package struct JSONWriter: ~Copyable {
    public private(set) var out: OutputBuffer
    /// Per open container, innermost in bit 0: it already holds a value (a comma comes
    /// before the next). Bits, not an array: no allocation per event on the hot path.
    private var filled: UInt64 = 0
    /// Per open container, innermost in bit 0: elements go one a line (`array(oneALine:)`).
    private var lined: UInt64 = 0
    private var depth = 0
    /// A key was just written: the value that follows needs no comma.
    private var afterKey = false

    public init() { out = OutputBuffer() }

    /// Writes into `out`, for writers that add to a buffer they already fill (events).
    public init(into out: consuming OutputBuffer) { self.out = out }

    /// The buffer back, with the document in it.
    public consuming func buffer() -> OutputBuffer { out }

    /// Writes a document at the end of `out`, which already holds other output.
    public static func write(into out: inout OutputBuffer, _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(into: out)
        body(&writer)
        out = writer.buffer()
    }

    /// The document as text, with `terminator` after it.
    public consuming func text(terminator: String = "") -> String {
        out.append(terminator)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    // MARK: Containers

    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// With `oneALine`, a newline follows each comma: a long list of rows stays readable
    /// to line tools (`grep`, `head`) and is still one document.
    package mutating func array(oneALine: Bool = false, _ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "["), lined: oneALine)
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// An array of `values`, each written by `write`.
    package mutating func array<S: Sequence>(_ values: S, oneALine: Bool = false, _ write: (inout JSONWriter, S.Element) -> Void) {
        array(oneALine: oneALine) { a in for value in values { write(&a, value) } }
    }

    /// An object's key; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        Escaping.jsonString(name, into: &out)
        out.append(byte: UInt8(ascii: ":"))
        afterKey = true
    }

    /// A key straight from a record's bytes (a field's name), escaped as `key(_:)` escapes.
    package mutating func key(bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        Escaping.jsonString(bytes: bytes, into: &out)
        out.append(byte: UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: Values

    package mutating func string(_ value: String?) {
        separate()
        if let value { Escaping.jsonString(value, into: &out) } else { out.append("null") }
    }

    /// A string straight from a record's bytes, after `prefix`.
    package mutating func string(bytes: UnsafeBufferPointer<UInt8>, prefix: String = "") {
        separate()
        Escaping.jsonString(bytes: bytes, prefix: prefix, into: &out)
    }

    package mutating func int<I: BinaryInteger>(_ value: I?) {
        separate()
        guard let value else { return out.append("null") }
        if value < 0 {
            out.append(byte: UInt8(ascii: "-"))
            out.append(decimal: UInt64(value.magnitude))
        } else {
            out.append(decimal: UInt64(value))
        }
    }

    /// A whole number without a fraction; NaN and infinities, which JSON lacks, as null.
    package mutating func double(_ value: Double?) {
        separate()
        guard let value, value.isFinite else { out.append("null"); return }
        out.append(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
    }

    package mutating func bool(_ value: Bool?) {
        separate()
        if let value { out.append(value ? "true" : "false") } else { out.append("null") }
    }

    package mutating func null() {
        separate()
        out.append("null")
    }

    /// JSON text made elsewhere by this writer (a member list one module adds to another's object).
    public mutating func raw(_ json: String) {
        separate()
        out.append(json)
    }

    // MARK: Members

    package mutating func member(_ name: String, _ value: String?) { key(name); string(value) }
    package mutating func member<I: BinaryInteger>(_ name: String, _ value: I?) { key(name); int(value) }
    package mutating func member(_ name: String, _ value: Bool?) { key(name); bool(value) }
    package mutating func member(_ name: String, _ value: Double?) { key(name); double(value) }
    package mutating func member(_ name: String, strings: [String]) { key(name); array(strings) { $0.string($1) } }

    /// Only when there is a value: a member left out rather than null.
    package mutating func memberIfPresent(_ name: String, _ value: String?) { if let value { member(name, value) } }
    package mutating func memberIfPresent<I: BinaryInteger>(_ name: String, _ value: I?) { if let value { member(name, value) } }

    // MARK: Layout

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 {
            if filled & 1 == 1 { out.append(lined & 1 == 1 ? ",\n" : ",") }
            filled |= 1
        }
    }

    private mutating func open(_ byte: UInt8, lined oneALine: Bool = false) {
        separate()
        out.append(byte: byte)
        precondition(depth < 64, "JSONWriter: more than 64 nested containers")
        filled <<= 1
        lined = lined << 1 | (oneALine ? 1 : 0)
        depth += 1
    }

    private mutating func close(_ byte: UInt8) {
        filled >>= 1
        lined >>= 1
        depth -= 1
        out.append(byte: byte)
    }
}
