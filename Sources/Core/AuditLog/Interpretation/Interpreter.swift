#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A field as `ausearch -i` shows it.
public struct InterpretedField: Sendable, Equatable {
    public var name: String
    public var value: String
    /// True inside a user-space record's `msg='…'`.
    package var nested: Bool = false
    /// True for the `msg='…'` field itself, whose content follows as nested fields.
    var opensNested: Bool = false
    /// True for a token without `=`, whose text is in `name`.
    package var isWord: Bool = false
}

/// Turns raw field values into the text `ausearch -i` prints: user and group names,
/// syscall and errno names, decoded hex strings, socket addresses, capability sets, and so on.
///
/// Values are returned unescaped; output formats escape them for their medium.
public struct Interpreter: Sendable {
    public let names: any NameResolver

    /// `names` finds the user and group names the records' ENRICHED part does not give
    /// (HostIO's `LocalNameResolver` for this machine's, as ausearch -i does).
    public init(names: any NameResolver = NoAccountNames()) {
        self.names = names
    }

    /// Every field of the record, interpreted, in log order (enrichment excluded); with
    /// `includingWords`, also the tokens without `=` that `ausearch -i` repeats as they are.
    public func interpret(_ record: AuditRecord, includingWords: Bool = false) -> [InterpretedField] {
        var result: [InterpretedField] = []
        let bytes = record.bytes
        forEachField(of: record, includingWords: includingWords) { field, value, _ in
            let name = field.name(in: bytes)
            if field.isWord {
                result.append(InterpretedField(name: name, value: "", nested: field.nested, isWord: true))
            } else if field.quoting == .singleQuoted {
                result.append(InterpretedField(name: name, value: field.value(in: bytes), nested: field.nested,
                                               opensNested: true))
            } else {
                result.append(InterpretedField(name: name, value: value.text(of: field, in: bytes), nested: field.nested))
            }
        }
        return result
    }

    /// Calls `body` with every field (and word) of the record and how its value is shown.
    /// Most values are shown as written or hex-decoded, which costs no string at all.
    /// With `splittingAtCommas`, a bare value ends at its first comma as in ausearch's own
    /// field walk (MAC labels excepted); the rest of the token comes back as a `CommaTail`.
    func forEachField(of record: AuditRecord, includingWords: Bool, splittingAtCommas: Bool = false,
                      _ body: (RawField, RenderedValue, CommaTail?) -> Void) {
        let bytes = record.bytes
        var context = RecordContext(record: record)
        FieldScanner.scanRaw(bytes, from: record.bodyStart, to: record.bodyEnd, words: includingWords) { field in
            if field.isWord || field.quoting == .singleQuoted {
                body(field, .asWritten, nil)
            } else if splittingAtCommas, field.quoting == .bare,
                      let comma = bytes[field.valueStart..<field.valueEnd].firstIndex(of: UInt8(ascii: ",")),
                      case let kind = FieldKind.of(field, in: bytes, type: record.type), kind != .macLabel {
                var head = field
                head.valueEnd = comma
                let tail = CommaTail(rest: comma + 1..<field.valueEnd, keepsComma: kind == .unclassified)
                body(head, render(head, in: bytes, type: record.type, context: &context), tail)
            } else {
                body(field, render(field, in: bytes, type: record.type, context: &context), nil)
            }
            return true
        }
    }

    private func render(_ field: RawField, in bytes: [UInt8], type: MessageType, context: inout RecordContext) -> RenderedValue {
        let kind = FieldKind.of(field, in: bytes, type: type)
        switch kind {
        case .macLabel, .unclassified, .address:
            return .asWritten
        case .ttyData:
            return .ttyData(TTYData.text(written: String(decoding: bytes[field.writtenRange(limit: bytes.count)], as: UTF8.self)))
        case .escaped, .escapedFile, .escapedKey:
            guard field.quoting == .bare else { return .unquoted }
            let raw = field.valueBytes(in: bytes)
            if raw.elementsEqual("(null)".utf8) || raw.elementsEqual("?".utf8) { return .unquoted }
            if HexText.isHex(raw) && !raw.starts(with: [48, 48]) { return .hex }
            return HexText.decodeLeading(raw).map(RenderedValue.bytes) ?? .unquoted
        case .proctitle:
            return field.quoting == .bare && HexText.isHex(field.valueBytes(in: bytes)) ? .proctitle : .unquoted
        case .session:
            let raw = field.valueBytes(in: bytes)
            return raw.elementsEqual("4294967295".utf8) ? .text("unset") : .unquoted
        case .uid, .gid, .syscall, .arch, .sockaddr:
            // auparse takes auditd's enrichment, but reinterprets what auditd did not know.
            if let enriched = context.enriched(field, in: bytes),
               kind != .sockaddr || !bytes[enriched].starts(with: "unknown".utf8) { return .range(enriched) }
            if kind == .syscall, let call = context.multiplexedCall { return .text(call) }
        case .syscallArgument(let index) where !field.nested:
            guard let decoder = context.argumentDecoders[index] else { return .prefixedHex }
            return .text(SyscallArguments.text(field.value(in: bytes), decoder, names: names, machine: context.arch))
        case .success where field.quoting == .bare:
            // auparse: a value starting with a digit is read as a number (0 no, 1 yes, else unset).
            guard let first = field.valueBytes(in: bytes).first, first >= 48 && first <= 57 else { return .unquoted }
            return .text(Interpreter.success(field.value(in: bytes)))
        case .exit, .errno:
            guard field.quoting == .bare, field.valueEnd > field.valueStart,
                  bytes[field.valueStart] == UInt8(ascii: "-") else { return .unquoted }
        default:
            break
        }
        let value = AuditField(name: "", value: field.value(in: bytes), quoting: field.quoting, nested: field.nested)
        return .text(interpret(value, kind: kind, arch: context.arch, syscall: context.syscallName))
    }

    /// The text of a value of a kind that needs decoding (names from enrichment are taken before this).
    func interpret(_ field: AuditField, kind: FieldKind, arch: UInt32?, syscall: String?) -> String {
        let raw = field.value
        switch kind {
        case .uid, .gid:
            // auparse: strtoul into an int (`?` reads as 0, -1 is unset), unknown ids as %d.
            guard let n = Interpreter.strtoul10(raw) else { return "conversion error(\(raw))" }
            let id = Int32(truncatingIfNeeded: n)
            if id == -1 { return "unset" }
            let name = kind == .uid ? names.userName(UInt32(bitPattern: id)) : names.groupName(UInt32(bitPattern: id))
            return name ?? "unknown(\(id))"
        case .session:
            return raw == "4294967295" ? "unset" : raw
        case .syscall:
            guard let n = Int(raw) else { return raw }
            // A record without arch= (SECCOMP) is read with the host's machine, as auparse does.
            return SyscallTable.name(of: n, arch: arch ?? SyscallTable.hostArch) ?? "unknown-syscall(\(raw))"
        case .arch:
            guard let value = UInt32(raw, radix: 16) else { return raw }
            return SyscallTable.archNames[value] ?? "unknown-elf-type(\(raw))"
        case .exit, .errno:
            guard let n = Int(raw), n < 0, let name = ErrnoTable.name(of: -n) else { return raw }
            return "\(name)(\(String(cString: strerror(Int32(-n)))))"
        case .escaped, .escapedFile, .escapedKey:
            return unescape(field)
        case .proctitle:
            if field.quoting != .bare { return raw }
            guard let bytes = HexText.decodeProctitle(ArraySlice(raw.utf8)) else { return raw }
            return String(decoding: bytes, as: UTF8.self)
        case .perm:
            return FileMode.permissions(raw)
        case .mode:
            guard let mode = UInt32(raw, radix: 8) else { return raw }
            return FileMode.describe(mode)
        case .sockaddr:
            return SocketAddress.describe(hex: ArraySlice(raw.utf8)) ?? raw
        case .promisc:
            return raw == "0" ? "no" : "yes"
        case .capability:
            guard let n = Int(raw) else { return raw }
            return n < NameTables.capabilities.count ? NameTables.capabilities[n] : "unknown-capability(\(raw))"
        case .capabilitySet:
            guard let bits = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            return NameTables.capabilitySet(bits)
        case .success:
            guard raw.first?.isNumber == true else { return raw }
            return Interpreter.success(raw)
        case .syscallArgument:
            return raw   // a0–a3 of a SYSCALL record are rendered with their record's context
        case .signal:
            guard let n = Int(raw) else { return raw }
            return n >= 0 && n < NameTables.signals.count ? NameTables.signals[n] : "unknown-signal(\(raw))"
        case .list:
            guard let n = Int(raw) else { return raw }
            return n >= 0 && n < NameTables.ruleLists.count ? NameTables.ruleLists[n] : "unknown-list(\(raw))"
        case .nfproto:
            guard let n = Int32(raw) else { return raw }
            return SyscallArguments.Lookup.netfilterProtocols[n] ?? "unknown-netfilter-protocol(\(raw))"
        case .macLabel, .unclassified, .address:
            return field.writtenValue
        case .ttyData:
            return TTYData.text(written: field.writtenValue)
        default:
            return FieldValues.text(raw, kind: kind, names: names) ?? field.writtenValue
        }
    }

    /// strtoul(…, 10): blanks, an optional sign (a minus negates, modulo 2^64), leading
    /// digits; nil when they overflow.
    static func strtoul10(_ raw: String) -> UInt64? {
        var text = Substring(raw).drop { $0 == " " }
        let negative = text.first == "-"
        if negative || text.first == "+" { text = text.dropFirst() }
        var value: UInt64 = 0
        for byte in text.utf8 {
            guard byte >= 48 && byte <= 57 else { break }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(byte - 48))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return negative ? 0 &- value : value
    }

    /// auparse's `print_success` for a value that starts with a digit.
    static func success(_ raw: String) -> String {
        switch raw.prefix(while: \.isNumber) {
        case "0": return "no"
        case "1": return "yes"
        default: return "unset"
        }
    }

    /// A kernel-escaped string: quoted text as is, `(null)` as is, hex decoded.
    private func unescape(_ field: AuditField) -> String {
        if field.quoting != .bare { return field.value }
        if field.value == "(null)" || field.value == "?" { return field.value }
        return HexText.decode(ArraySlice(field.value.utf8)) ?? field.value
    }
}

/// The rest of a bare value after its first comma. ausearch prints the value up to the comma
/// (keeping the comma only for a field it does not interpret), then the rest as written.
struct CommaTail {
    var rest: Range<Int>
    var keepsComma: Bool
}

/// How a field's value is shown: most often as written, or decoded from hex.
enum RenderedValue {
    /// As logged, quotes included.
    case asWritten
    /// As logged, without quotes.
    case unquoted
    /// Decoded from the kernel's hex encoding.
    case hex
    /// As logged, after `0x` (syscall arguments).
    case prefixedHex
    /// Hex-decoded command line, NULs shown as spaces.
    case proctitle
    /// Other bytes of the record, as written (a name auditd resolved in an ENRICHED record).
    case range(Range<Int>)
    case text(String)
    /// Keystrokes as auparse names them; ausearch prints no blank after this one.
    case ttyData(String)
    /// Decoded bytes (a value whose hex run is followed by other text).
    case bytes([UInt8])

    func text(of field: RawField, in bytes: [UInt8]) -> String {
        switch self {
        case .ttyData(let text): return text
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .range(let range): return String(decoding: bytes[range], as: UTF8.self)
        case .asWritten:
            return String(decoding: bytes[field.writtenRange(limit: bytes.count)], as: UTF8.self)
        case .unquoted: return field.value(in: bytes)
        case .hex: return HexText.decode(field.valueBytes(in: bytes)) ?? field.value(in: bytes)
        case .proctitle:
            return HexText.decodeProctitle(field.valueBytes(in: bytes)).map { String(decoding: $0, as: UTF8.self) }
                ?? field.value(in: bytes)
        case .prefixedHex: return "0x" + field.value(in: bytes)
        case .text(let text): return text
        }
    }
}

/// What interpreting one record needs beyond the field itself: the syscall's arch and
/// name (for a0–a3), and the names auditd resolved in an ENRICHED record.
struct RecordContext {
    let arch: UInt32?
    let syscallName: String?
    let argumentDecoders: [SyscallArguments.Decoder?]
    /// `socketcall(bind)`, `ipc(semop)`: auparse names the call a multiplexing syscall makes.
    let multiplexedCall: String?
    private let record: AuditRecord
    private var enrichment: [(name: Range<Int>, value: Range<Int>)]?

    init(record: AuditRecord) {
        self.record = record
        if record.type == .syscall || record.type == .seccomp {
            // The kernel writes arch= and syscall= first: read them without making strings.
            // a0 and a1 follow; some decoders of later arguments depend on them.
            var arch: UInt32?
            var number: Int?
            var a0: UInt64 = 0, a1: UInt64 = 0
            var seenA1 = false
            let bytes = record.bytes
            FieldScanner.scanRaw(bytes, from: record.bodyStart, to: record.bodyEnd) { field in
                let start = field.nameStart
                switch field.nameEnd - start {
                case 2 where bytes[start] == UInt8(ascii: "a") && bytes[start + 1] == UInt8(ascii: "0"):
                    a0 = SyscallArguments.strtoul16(bytes: bytes[field.valueStart..<field.valueEnd]) ?? .max
                case 2 where bytes[start] == UInt8(ascii: "a") && bytes[start + 1] == UInt8(ascii: "1"):
                    a1 = SyscallArguments.strtoul16(bytes: bytes[field.valueStart..<field.valueEnd]) ?? .max
                    seenA1 = true
                case 4 where bytes[start] == UInt8(ascii: "a") && bytes[start + 3] == UInt8(ascii: "h"):
                    arch = RecordContext.number(field, bytes, radix: 16).map(UInt32.init)
                case 7 where bytes[start] == UInt8(ascii: "s") && bytes[start + 2] == UInt8(ascii: "s"):
                    number = RecordContext.number(field, bytes, radix: 10)
                default:
                    break
                }
                return !seenA1
            }
            self.arch = arch
            syscallName = number.flatMap { SyscallTable.name(of: $0, arch: arch) }
            argumentDecoders = SyscallArguments.decoders(for: syscallName, a0: a0, a1: a1)
            multiplexedCall = syscallName.flatMap { name in
                guard a0 <= UInt64(Int32.max) else { return nil }
                let table = name == "socketcall" ? SyscallArguments.Lookup.socketCalls
                    : name == "ipc" ? SyscallArguments.Lookup.ipcCalls : [:]
                return table[Int32(a0)].map { "\(name)(\($0))" }
            }
        } else {
            arch = nil
            syscallName = nil
            argumentDecoders = [nil, nil, nil, nil]
            multiplexedCall = nil
        }
    }

    private static func number(_ field: RawField, _ bytes: [UInt8], radix: Int) -> Int? {
        guard field.valueEnd > field.valueStart, field.valueEnd - field.valueStart <= 8 else { return nil }
        var value = 0
        for byte in bytes[field.valueStart..<field.valueEnd] {
            guard let digit = HexText.nibble(byte), Int(digit) < radix else { return nil }
            value = value * radix + Int(digit)
        }
        return value
    }

    /// Where the enriched value for this field is (`UID="root"` for `uid=0`), if the record has one.
    mutating func enriched(_ field: RawField, in bytes: [UInt8]) -> Range<Int>? {
        guard record.isEnriched else { return nil }
        if enrichment == nil {
            var pairs: [(name: Range<Int>, value: Range<Int>)] = []
            FieldScanner.scanRaw(bytes, from: record.bodyEnd + 1, to: bytes.count) { pair in
                var value = pair.valueStart..<pair.valueEnd
                // SADDR={ fam=inet laddr=… } holds blanks: its value runs to the closing " }".
                if bytes[value].first == UInt8(ascii: "{") {
                    var end = value.upperBound
                    while end + 1 < bytes.count, !(bytes[end] == 0x20 && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
                    if end + 1 < bytes.count { value = value.lowerBound..<end + 2 }
                }
                pairs.append((pair.nameStart..<pair.nameEnd, value))
                return true
            }
            enrichment = pairs
        }
        let length = field.nameEnd - field.nameStart
        for pair in enrichment! where pair.name.count == length {
            var same = true
            for k in 0..<length {
                var c = bytes[field.nameStart + k]
                if c >= 97 && c <= 122 { c -= 32 }
                if bytes[pair.name.lowerBound + k] != c { same = false; break }
            }
            if same { return pair.value }
        }
        return nil
    }
}
