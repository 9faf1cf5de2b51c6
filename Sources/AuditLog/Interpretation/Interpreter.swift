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
        let fields = record.fields(includingWords: includingWords)
        let enrichment = record.enrichment
        var arch: UInt32?
        var syscallName: String?
        if record.type == .syscall {
            arch = fields.first { $0.name == "arch" }.flatMap { UInt32($0.value, radix: 16) }
            if let number = fields.first(where: { $0.name == "syscall" }).flatMap({ Int($0.value) }) {
                syscallName = SyscallTable.name(of: number, arch: arch)
            }
        }
        return fields.map { field in
            if field.isWord {
                return InterpretedField(name: field.name, value: "", nested: field.nested, isWord: true)
            }
            if field.quoting == .singleQuoted {
                return InterpretedField(name: field.name, value: field.value, nested: field.nested, opensNested: true)
            }
            let kind = FieldKind.of(field.name, in: record.type)
            let value = interpret(field, kind: kind, enriched: enrichment[field.name.uppercased()],
                                  arch: arch, syscall: syscallName)
            return InterpretedField(name: field.name, value: value, nested: field.nested)
        }
    }

    func interpret(_ field: AuditField, kind: FieldKind, enriched: String?, arch: UInt32?, syscall: String?) -> String {
        let raw = field.value
        switch kind {
        case .uid, .gid:
            if let enriched { return enriched }
            guard let n = Int64(raw) else { return raw }
            if n == -1 || n == 4_294_967_295 { return "unset" }
            let id = UInt32(truncatingIfNeeded: n)
            let name = kind == .uid ? names.userName(id) : names.groupName(id)
            return name ?? "unknown(\(raw))"
        case .session:
            return raw == "4294967295" || raw == "-1" ? "unset" : raw
        case .syscall:
            if let enriched { return enriched }
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
            guard var bytes = HexText.decodeBytes(ArraySlice(raw.utf8)) else { return raw }
            while bytes.last == 0 { bytes.removeLast() }
            return String(decoding: bytes.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
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
        case .syscallArgument(let index):
            guard field.nested == false else { return raw }
            return SyscallArguments.describe(index: index, hex: raw, syscall: syscall)
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
