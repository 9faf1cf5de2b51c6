import AuditRules
import Glibc
import HostIO

/// `fix` as two calls: the plan for what `check` finds on a host (live, or files under an
/// offline `root`), and applying it there, with backups and, on the live host, the rules loaded.
public enum FixRun {
    public static func plan(_ snapshot: HostSnapshot, root: String?, immutable: Bool) -> FixPlan {
        let files = LocalHostFiles(root: root ?? "/")
        return FixPlan(snapshot: snapshot, report: HostChecker().check(snapshot), immutable: immutable,
                       programExists: { files.real($0).map(ProgramRun.isExecutable) ?? false })
    }

    /// What was done, a line per change; throws at the first change that fails, naming it.
    public static func apply(_ plan: FixPlan, root: String?) throws -> [String] {
        let applier = FixApplier(files: LocalHostFiles(root: root ?? "/"), control: root == nil ? Auditctl() : nil,
                                 backupDirectory: FixApplier.backupDirectory(at: Int(time(nil))))
        return try applier.apply(plan, native: .host)
    }
}
