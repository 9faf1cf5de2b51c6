/// How a field's value was written in the log.
package enum FieldQuoting: Sendable, Equatable {
    /// `name=value`: a number, a word, hex-encoded bytes, `(null)` or `?`.
    case bare
    /// `name="value"`: text the kernel judged safe to print.
    case doubleQuoted
    /// `msg='…'`: the nested fields of a user-space message (kept for the outer field only).
    case singleQuoted
}

/// One `name=value` pair of a record, decoded to text.
package struct AuditField: Sendable, Equatable {
    public var name: String
    /// The value without its quotes.
    public var value: String
    package var quoting: FieldQuoting
    /// True for fields found inside a user-space record's `msg='…'`.
    package var nested: Bool
    /// True for a token without `=` (`avc:`, `denied`); its text is in `name`.
    package var isWord: Bool

    public init(name: String, value: String, quoting: FieldQuoting, nested: Bool = false, isWord: Bool = false) {
        self.name = name
        self.value = value
        self.quoting = quoting
        self.nested = nested
        self.isWord = isWord
    }

    /// The value as written, quotes included.
    var writtenValue: String {
        switch quoting {
        case .bare: return value
        case .doubleQuoted: return "\"\(value)\""
        case .singleQuoted: return "'\(value)'"
        }
    }
}

/// A field located in a record's bytes, before any decoding.
struct RawField {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
    var quoting: FieldQuoting
    var nested: Bool
    /// A token without `=` (`avc:`, `denied`, `{`): kept only when the caller asks for words.
    var isWord = false

    func nameEquals(_ wanted: [UInt8], in bytes: [UInt8]) -> Bool {
        wanted.withUnsafeBufferPointer { nameEquals($0, in: bytes) }
    }

    func nameEquals(_ wanted: UnsafeBufferPointer<UInt8>, in bytes: [UInt8]) -> Bool {
        guard nameEnd - nameStart == wanted.count else { return false }
        var i = 0
        while i < wanted.count {
            if bytes[nameStart + i] != wanted[i] { return false }
            i += 1
        }
        return true
    }

    func name(in bytes: [UInt8]) -> String { String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self) }
    /// Where the value is written, its quotes included.
    func writtenRange(limit: Int) -> Range<Int> {
        quoting == .bare ? valueStart..<valueEnd : (valueStart - 1)..<min(valueEnd + 1, limit)
    }

    func value(in bytes: [UInt8]) -> String { String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self) }
    func valueBytes(in bytes: [UInt8]) -> ArraySlice<UInt8> { bytes[valueStart..<valueEnd] }
}
