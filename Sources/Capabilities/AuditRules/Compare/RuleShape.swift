import AuditLog
import HostIO

/// A rule reduced to what the kernel compares: the same shape means the same kernel rule,
/// however it was written (`-w` or `-F path=`/`dir=`, `-k` or `-F key=`, default `-p rwxa`,
/// trailing slashes, `-S` order, names or numbers for syscalls, errnos, file types and
/// record types, `unset` or `-1`).
package struct RuleShape: Sendable, Hashable {
    public var list: RuleList
    public var action: RuleAction
    public var arch: RuleArch?
    /// Syscall numbers for `arch` (or the native arch); nil for all syscalls.
    public var syscalls: Set<Int>?
    package var fields: Set<NormalizedField>
    package var comparisons: Set<String>
    public var keys: [String]

    /// One field with its value in the kernel's terms.
    package struct NormalizedField: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var op: FieldOperator
        public var value: String

        public var description: String { "\(name)\(op.rawValue)\(value)" }
    }

    public init(_ watch: WatchRule) {
        list = .exit
        action = .always
        arch = nil
        syscalls = nil
        fields = [NormalizedField(name: "path", op: .equal, value: watch.path),
                  NormalizedField(name: "perm", op: .equal, value: watch.effectivePermissions.description)]
        comparisons = []
        keys = watch.keys
    }

    public init(_ rule: SyscallRule, native: RuleArch, accounts: AccountNames = .none) {
        list = rule.list
        action = rule.action
        arch = rule.arch.flatMap { RuleArch($0, native: native) }
        let table = arch ?? native
        if rule.coversAllSyscalls || rule.list != .exit {
            syscalls = rule.list == .exit ? nil : []
        } else {
            syscalls = Set(rule.syscalls.compactMap { table.syscallNumber($0) })
        }
        fields = Set(rule.fields.filter { $0.name != "arch" }.map { RuleShape.normalize($0, accounts: accounts) })
        comparisons = Set(rule.comparisons.map { "\($0.left)\($0.op.rawValue)\($0.right)" })
        keys = rule.keys
    }

    /// The rule as auditctl -l would print it (canonical, for reports).
    public var text: String {
        var parts = ["-a \(action.rawValue),\(list.rawValue)"]
        if let arch { parts.append("-F arch=\(arch)") }
        if let syscalls {
            let table = arch ?? .x86_64
            let names = syscalls.sorted().map { SyscallTable.name(of: $0, arch: table.value) ?? String($0) }
            if !names.isEmpty { parts.append("-S " + names.joined(separator: ",")) }
        } else if list == .exit {
            parts.append("-S all")
        }
        parts += fields.map { "-F \($0)" }.sorted()
        parts += comparisons.sorted().map { "-C \($0)" }
        parts += keys.map { "-F key=\($0)" }
        return parts.joined(separator: " ")
    }

    static func normalize(_ field: RuleField, accounts: AccountNames) -> NormalizedField {
        var name = field.name
        var value = field.value
        switch name {
        case "loginuid": name = "auid"
        case "dir": name = "path"
        default: break
        }
        switch FieldCatalog.fields[field.name] {
        case .user?, .group?:
            if value == "unset" || value == "-1" { value = "4294967295" }
            else if let number = FieldCatalog.integer(value) { value = String(UInt32(truncatingIfNeeded: number)) }
            else if let id = FieldCatalog.fields[field.name] == .user ? accounts.userID(value) : accounts.groupID(value) {
                value = String(id)
            }
        case .exit?:
            let errno = value.hasPrefix("-") ? String(value.dropFirst()) : value
            if let number = ErrnoTable.number(of: errno) { value = String(value.hasPrefix("-") ? -number : number) }
            else if let number = FieldCatalog.integer(value) { value = String(number) }
        case .fileType?:
            if let mode = FieldCatalog.fileTypes[value] { value = String(mode) }
        case .messageType?:
            if let type = MessageType(name: value) { value = String(type.number) }
        case .permission?:
            value = WatchPermissions(letters: value.lowercased())?.description ?? value
        case .path?:
            while value.count > 1 && value.hasSuffix("/") { value.removeLast() }
        case .number?:
            if let number = FieldCatalog.integer(value) { value = String(number) }
        default:
            break
        }
        return NormalizedField(name: name, op: field.op, value: value)
    }
}

extension RuleStatement {
    /// The kernel rule this statement adds, or nil for control options and removals.
    package func shape(native: RuleArch, accounts: AccountNames = .none) -> RuleShape? {
        switch self {
        case .watch(let watch) where !watch.removes: return RuleShape(watch)
        case .syscall(let rule) where rule.operation != .delete: return RuleShape(rule, native: native, accounts: accounts)
        default: return nil
        }
    }
}
