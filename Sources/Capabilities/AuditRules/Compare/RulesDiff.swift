import HostIO
/// On-disk rules against the kernel's (`auditctl -l`), compared by `RuleShape`: what is
/// only on disk is not active now; what is only loaded is lost at the next reboot.
public struct RulesDiff: Sendable {
    public struct Entry: Sendable, Hashable {
        package var location: RuleLocation
        public var text: String
    }

    package var onlyOnDisk: [Entry] = []
    package var onlyLoaded: [Entry] = []
    public var isEmpty: Bool { onlyOnDisk.isEmpty && onlyLoaded.isEmpty }

    /// `disk` in load order (deletions and `-D` are applied as auditctl would); `loaded` as listed.
    public init(disk: [RuleLine], loaded: [RuleLine], native: RuleArch, accounts: AccountNames = .none) {
        var expected: [(RuleShape, Entry)] = []
        for line in disk {
            switch line.statement {
            case .control(.deleteAll(let key)):
                expected.removeAll { key == nil || $0.0.keys.contains(key!) }
            case .watch(let watch) where watch.removes:
                let shape = RuleShape(WatchRule(path: watch.path, permissions: watch.permissions, keys: watch.keys, removes: false))
                if let index = expected.firstIndex(where: { $0.0 == shape }) { expected.remove(at: index) }
            case .syscall(let rule) where rule.operation == .delete:
                var added = rule
                added.operation = .append
                let shape = RuleShape(added, native: native, accounts: accounts)
                if let index = expected.firstIndex(where: { $0.0 == shape }) { expected.remove(at: index) }
            default:
                if let shape = line.statement.shape(native: native, accounts: accounts) {
                    expected.append((shape, Entry(location: line.location, text: line.text)))
                }
            }
        }
        var remaining = loaded.compactMap { line in line.statement.shape(native: native, accounts: accounts).map { ($0, line) } }
        for (shape, entry) in expected {
            if let index = remaining.firstIndex(where: { $0.0 == shape }) {
                remaining.remove(at: index)
            } else {
                onlyOnDisk.append(entry)
            }
        }
        onlyLoaded = remaining.map { Entry(location: $0.1.location, text: $0.1.text) }
    }
}
