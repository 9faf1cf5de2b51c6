import HostIO

/// The rules commands' inputs on a host: rules files and directories read with errors that
/// name them, and a linter that knows the host's accounts and paths (or an offline root's).
public enum HostRules {
    /// The rules at `path`: a directory's `*.rules` files, each parsed on its own, or one file.
    public static func files(at path: String, parser: RuleParser, host: any HostFiles = LocalHostFiles()) throws -> [RuleFile] {
        if host.isDirectory(path) { return try RulesDirectory(path: path, files: host).parsed(with: parser) }
        switch host.load(path) {
        case .success(let bytes): return [RuleFile(path: path, bytes: bytes, parser: parser)]
        case .failure(let problem): throw problem
        }
    }

    /// What `rules lint` reads: `paths`, or rules.d (under `root` when given). A directory
    /// without rules files is kept as an empty file, which lint reports: it loads nothing.
    public static func lintFiles(_ paths: [String], root: String?, parser: RuleParser) throws -> [RuleFile] {
        let host = LocalHostFiles(root: root ?? "/")
        let targets = paths.isEmpty ? [host.real("/etc/audit/rules.d") ?? (root ?? "") + "/etc/audit/rules.d"] : paths
        return try targets.flatMap { path in
            let found = try files(at: path, parser: parser)
            return found.isEmpty ? [RuleFile(empty: path)] : found
        }
    }

    /// A linter that checks watched paths under `root` (default /) and account names in its
    /// passwd and group files, or the live host's accounts when there is no root.
    public static func linter(root: String?) -> RuleLinter {
        let host = LocalHostFiles(root: root ?? "/")
        return RuleLinter(native: .host, accounts: root == nil ? .host : .reading(host),
                          pathExists: { host.exists($0) }, isDirectory: { host.isDirectory($0) })
    }
}
