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
    public var nested: Bool = false
    /// True for the `msg='…'` field itself, whose content follows as nested fields.
    public var opensNested: Bool = false
    /// True for a token without `=`, whose text is in `name`.
    public var isWord: Bool = false
}

/// Turns raw field values into the text `ausearch -i` prints: user and group names,
/// syscall and errno names, decoded hex strings, socket addresses, capability sets, and so on.
///
/// Values are returned unescaped; output formats escape them for their medium.
public struct Interpreter: Sendable {
    public let names: any NameResolver

    public init(names: any NameResolver = LocalNameResolver()) {
        self.names = names
    }

    /// Every field of the record, interpreted, in log order (enrichment excluded); with
    /// `includingWords`, also the tokens without `=` that `ausearch -i` repeats as they are.
    public func interpret(_ record: AuditRecord, includingWords: Bool = false) -> [InterpretedField] {
        var result: [InterpretedField] = []
        let bytes = record.bytes
        forEachField(of: record, includingWords: includingWords) { field, value in
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
    func forEachField(of record: AuditRecord, includingWords: Bool,
                      _ body: (RawField, RenderedValue) -> Void) {
        let bytes = record.bytes
        var context = RecordContext(record: record)
        FieldScanner.scanRaw(bytes, from: record.bodyStart, to: record.bodyEnd, words: includingWords) { field in
            if field.isWord || field.quoting == .singleQuoted {
                body(field, .asWritten)
            } else {
                body(field, render(field, in: bytes, type: record.type, context: &context))
            }
            return true
        }
    }

    private func render(_ field: RawField, in bytes: [UInt8], type: MessageType, context: inout RecordContext) -> RenderedValue {
        let kind = FieldKind.of(field, in: bytes, type: type)
        switch kind {
        case .personality, .macLabel, .unclassified:
            return .asWritten
        case .escaped, .escapedFile, .escapedKey:
            guard field.quoting == .bare else { return .unquoted }
            let raw = field.valueBytes(in: bytes)
            if raw.elementsEqual("(null)".utf8) || raw.elementsEqual("?".utf8) { return .unquoted }
            return HexText.isHex(raw) ? .hex : .unquoted
        case .proctitle:
            return field.quoting == .bare && HexText.isHex(field.valueBytes(in: bytes)) ? .proctitle : .unquoted
        case .session:
            let raw = field.valueBytes(in: bytes)
            return raw.elementsEqual("4294967295".utf8) || raw.elementsEqual("-1".utf8) ? .text("unset") : .unquoted
        case .uid, .gid, .syscall, .arch:
            if let enriched = context.enriched(field, in: bytes) { return .range(enriched) }
            if kind == .syscall, let call = context.multiplexedCall { return .text(call) }
        case .syscallArgument(let index) where !field.nested:
            guard let decoder = context.argumentDecoders[index] else { return .prefixedHex }
            return .text(SyscallArguments.text(field.value(in: bytes), decoder, names: names, machine: context.arch))
        case .success where field.quoting == .bare:
            let raw = field.valueBytes(in: bytes)
            if raw.elementsEqual("1".utf8) { return .text("yes") }
            if raw.elementsEqual("0".utf8) { return .text("no") }
            return .unquoted
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
            guard let n = Int64(raw) else { return raw }
            if n == -1 || n == 4_294_967_295 { return "unset" }
            let id = UInt32(truncatingIfNeeded: n)
            let name = kind == .uid ? names.userName(id) : names.groupName(id)
            return name ?? "unknown(\(raw))"
        case .session:
            return raw == "4294967295" || raw == "-1" ? "unset" : raw
        case .syscall:
            guard let n = Int(raw) else { return raw }
            return SyscallTable.name(of: n, arch: arch) ?? "unknown-syscall(\(raw))"
        case .arch:
            guard let value = UInt32(raw, radix: 16) else { return raw }
            return SyscallTable.archNames[value] ?? "unknown-elf-type(\(raw))"
        case .exit, .errno:
            guard let n = Int(raw), n < 0, let name = GeneratedTables.errnoNames[-n] else { return raw }
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
            guard let bits = UInt64(raw, radix: 16) else { return raw }
            return NameTables.capabilitySet(bits)
        case .success:
            switch raw {
            case "0": return "no"
            case "1": return "yes"
            default: return raw
            }
        case .syscallArgument:
            return raw   // a0–a3 of a SYSCALL record are rendered with their record's context
        case .signal:
            guard let n = Int(raw) else { return raw }
            return n >= 0 && n < NameTables.signals.count ? NameTables.signals[n] : "unknown-signal(\(raw))"
        case .list:
            guard let n = Int(raw) else { return raw }
            return n >= 0 && n < NameTables.ruleLists.count ? NameTables.ruleLists[n] : "unknown-list(\(raw))"
        case .nfproto:
            guard let n = Int(raw) else { return raw }
            return NameTables.netfilterFamilies[n] ?? "unknown(\(raw))"
        case .personality, .macLabel, .unclassified:
            return field.writtenValue
        }
    }


    /// A kernel-escaped string: quoted text as is, `(null)` as is, hex decoded.
    private func unescape(_ field: AuditField) -> String {
        if field.quoting != .bare { return field.value }
        if field.value == "(null)" || field.value == "?" { return field.value }
        return HexText.decode(ArraySlice(field.value.utf8)) ?? field.value
    }
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

    func text(of field: RawField, in bytes: [UInt8]) -> String {
        switch self {
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
        if record.type == .syscall {
            // The kernel writes arch= and syscall= first: read them without making strings.
            // a0 and a1 follow; some decoders of later arguments depend on them.
            var arch: UInt32?
            var number: Int?
            var a0: UInt64 = 0, a1: UInt64 = 0
            var seenA1 = false
            let bytes = record.bytes
            FieldScanner.scanRaw(bytes, from: record.bodyStart, to: record.bodyEnd) { field in
                let name = bytes[field.nameStart..<field.nameEnd]
                if name.elementsEqual("arch".utf8) { arch = RecordContext.number(field, bytes, radix: 16).map(UInt32.init) }
                else if name.elementsEqual("syscall".utf8) { number = RecordContext.number(field, bytes, radix: 10) }
                else if name.elementsEqual("a0".utf8) { a0 = SyscallArguments.strtoul16(field.value(in: bytes)) ?? .max }
                else if name.elementsEqual("a1".utf8) {
                    a1 = SyscallArguments.strtoul16(field.value(in: bytes)) ?? .max
                    seenA1 = true
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
                pairs.append((pair.nameStart..<pair.nameEnd, pair.valueStart..<pair.valueEnd))
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
