/// What the audited host decides when a rule is loaded: auditctl looks up account names,
/// and the kernel looks up a watch's directory and a `dir=` tree (measured on this kernel:
/// a missing one is ENOENT, a parent that is a file ENOTDIR; a missing watched file is fine).
extension RuleLinter {
    func hostFindings(_ lines: [RuleLine]) -> [LintFinding] {
        lines.flatMap { line -> [LintFinding] in
            switch line.statement {
            case .watch(let watch) where !watch.removes && knowsHost:
                return watchedPath(watch.path, at: line.location).map { [$0] } ?? []
            case .syscall(let rule) where rule.operation != .delete:
                return rule.fields.compactMap { field in
                    switch (field.name, FieldCatalog.fields[field.name]) {
                    case ("path", _) where knowsHost: return watchedPath(field.value, at: line.location)
                    case ("dir", _) where knowsHost: return treeRoot(field.value, at: line.location)
                    case (_, .user?), (_, .group?): return account(field, at: line.location)
                    default: return nil
                    }
                }
            default:
                return []
            }
        }
    }

    /// A watch (`-w`, `-F path=`): the kernel needs the parent directory now, not the file.
    private func watchedPath(_ written: String, at location: RuleLocation) -> LintFinding? {
        var path = written
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let parent = Self.parent(of: path)
        if !isDirectory(parent) {
            let reason = pathExists(parent) ? "Not a directory" : "No such file or directory"
            return LintFinding(.error, "missing-parent",
                "the kernel refuses this watch (\(reason)): \(parent) must be an existing directory when the rule is loaded",
                fix: "create \(parent), or drop the rule on hosts without it", at: location)
        }
        guard !pathExists(path) else { return nil }
        return LintFinding(.warning, "missing-watch-path",
            "\(path) does not exist yet: the kernel watches \(parent) for it and audits it once it is created",
            fix: "check the path, or drop the rule on hosts without it", at: location)
    }

    /// `-F dir=`: the kernel resolves the tree when the rule is loaded.
    private func treeRoot(_ path: String, at location: RuleLocation) -> LintFinding? {
        guard !pathExists(path) else { return nil }
        return LintFinding(.error, "missing-directory",
            "the kernel refuses this rule (No such file or directory): dir=\(path) must exist when the rule is loaded",
            fix: "create \(path), or drop the rule on hosts without it", at: location)
    }

    /// A user or group by name: auditctl looks it up on the host and refuses an unknown one.
    private func account(_ field: RuleField, at location: RuleLocation) -> LintFinding? {
        let value = field.value
        guard accounts.isComplete, value != "unset", FieldCatalog.integer(value) == nil else { return nil }
        let isUser = FieldCatalog.fields[field.name] == .user
        guard (isUser ? accounts.userID(value) : accounts.groupID(value)) == nil else { return nil }
        let what = isUser ? "user" : "group"
        return LintFinding(.error, "unknown-account",
            "auditctl refuses this rule (Unknown \(what): \(value)): there is no \(what) \(value) on this host",
            fix: "use the numeric id, or drop the rule on hosts without that \(what)", at: location)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
