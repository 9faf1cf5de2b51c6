import AuditRules
import HostIO

/// Everything `check` looks at, gathered once: files under the root, and the live probes
/// (auditctl, /proc) or their recorded outputs. Checks are pure functions of it.
public struct HostSnapshot: Sendable {
    /// The root the files were read under (`/` for the live host).
    public var root = "/"
    public var native: RuleArch = .x86_64
    /// Where auditd's program is, when installed.
    var auditdProgram: String?
    var auditdRunning: Probe<Bool> = .unavailable("not probed")
    public var status: Probe<AuditStatus> = .unavailable("not probed")
    public var loadedRules: Probe<[RuleLine]> = .unavailable("not probed")
    public var cmdline: Probe<String> = .unavailable("not probed")
    /// /etc/default/grub, /etc/kernel/cmdline and /boot/loader/entries/*.conf, as present.
    var grubDefaults: FileText?
    package var kernelCmdline: FileText?
    var loaderEntries: [FileText] = []
    /// rules.d as augenrules reads it, or why it could not be read.
    var rulesDirectory: Result<RulesDirectory, RulesError> = .failure(.noRulesDirectory("/etc/audit/rules.d"))
    var auditdConf: FileText?
    /// auditd's state report (/run/auditd.state), and dockaudit's plugin: installed, and its last stats.
    var auditdState: FileText?
    var pluginInstalled = false
    var pluginStats: FileText?
    /// The owner and mode of every file the permission checks look at, by host path.
    public var files: [String: FileStatus] = [:]
    /// The audit log directory and its files (from auditd.conf `log_file`).
    var logDirectory = "/var/log/audit"
    var logFiles: [String] = []
    /// /etc/group: name → gid.
    package var groups: [String: UInt32] = [:]
    /// The users of each group: its /etc/group member list, then those whose primary
    /// group it is in /etc/passwd.
    var groupMembers: [String: [String]] = [:]
    /// The sudoers rules that let someone run docker as root (/etc/sudoers, /etc/sudoers.d).
    var sudoGrants: [SudoersGrant] = []
    /// The sudoers files that were read (unreadable ones are in `readProblems`).
    var sudoersFiles: [String] = []
    /// The mount points, for CIS 1.1.1 (a partition for the data root).
    package var mounts: Probe<MountTable> = .unavailable("not probed")
    public var docker = DockerHost()
    /// The data root with every link resolved, when it exists.
    var dataRootReal: String?
    /// Inputs that exist but could not be read (permission, or not a regular file), by path:
    /// the checks built on them are skipped, never judged on a guess.
    var readProblems: [String: HostError] = [:]
    /// Rule paths and CIS targets with the links of their directory resolved, as the kernel
    /// resolves a watch's directory when the rule is loaded (`/lib/…` → `/usr/lib/…` on merged
    /// /usr). A path missing here is compared as written.
    var resolvedPaths: [String: String] = [:]

    /// Rule paths and CIS targets whose directory ends in a link loop, with the link: the
    /// kernel refuses such a watch, and a target there cannot be judged.
    var linkLoops: [String: String] = [:]

    /// `path` with its directory's links resolved, when the reader could resolve them;
    /// nil when they loop.
    package func resolved(_ path: String) -> String? { linkLoops[path] == nil ? resolvedPaths[path] ?? path : nil }

    public init() {}

    /// The rules.d files parsed, in merge order (empty when the directory is missing).
    func parsedRules() -> [RuleFile] {
        (try? rulesDirectory.get().parsed(with: RuleParser(native: native))) ?? []
    }

    /// The rules.d rules as augenrules would load them (the host's awk on a live host).
    func rulesInLoadOrder() -> [RuleLine] {
        let merger = RulesMerger(dialect: root == "/" ? .host : .gawk)
        return (try? rulesDirectory.get().inLoadOrder(parser: RuleParser(native: native), merger: merger)) ?? []
    }

    /// True when rules.d exists but this user may not read it.
    var rulesDirectoryDenied: Bool {
        if case .failure(.io(_, let reason)) = rulesDirectory { return reason.hasPrefix("permission denied") }
        return false
    }

    /// What could not be read for want of permission: the report says it is incomplete.
    var deniedInputs: [String] {
        var denied = readProblems.values.filter { $0.reason == .permissionDenied }.map(\.description).sorted()
        if case .failure(let error) = rulesDirectory, rulesDirectoryDenied { denied.append("\(error)") }
        for reason in [status.reason, loadedRules.reason] where reason.contains("must be root") { denied.append(reason) }
        return Array(Set(denied)).sorted()
    }
}
