import AuditRules

/// What `fix` would change, worked out from a snapshot and nothing else: new file contents,
/// owner and mode changes, the commands to run, and whether to load the rules.
public struct FixPlan: Sendable {
    /// A file to write whole (atomically, after a backup).
    public struct FileChange: Sendable {
        public var path: String
        package var before: [UInt8]?
        public var after: [UInt8]
        public var mode: UInt32
        public var reason: String
    }

    /// An owner or mode change (`chown`, `chmod`).
    public struct PermissionChange: Sendable, Equatable {
        public var path: String
        public var uid: UInt32?
        public var gid: UInt32?
        public var mode: UInt32?
        public var reason: String

        public var command: String {
            var parts: [String] = []
            if uid != nil || gid != nil { parts.append("chown \(uid.map(String.init) ?? ""):\(gid.map(String.init) ?? "") \(path)") }
            if let mode { parts.append("chmod \(String(mode, radix: 8)) \(path)") }
            return parts.joined(separator: "; ")
        }
    }

    /// A program to run after the files are written, when it exists on the host.
    public struct Command: Sendable, Equatable {
        package var arguments: [String]
        public var reason: String
        public var text: String { arguments.joined(separator: " ") }
    }

    public var files: [FileChange] = []
    public var permissions: [PermissionChange] = []
    public var commands: [Command] = []
    /// Load rules.d into the kernel afterwards (`rules load`).
    package var loadRules = false

    public var isEmpty: Bool { files.isEmpty && permissions.isEmpty && commands.isEmpty && !loadRules }

    package static let rulesFile = "/etc/audit/rules.d/50-dockaudit-docker.rules"
    package static let finalizeFile = "/etc/audit/rules.d/99-dockaudit-finalize.rules"
    /// The key every rule of `rulesFile` carries besides its own.
    static let ownKey = "dockaudit"
    static let bootArguments = ["audit=1", "audit_backlog_limit=\(DaemonChecks.minimumBacklog)"]

    /// The changes that make the failing checks of `report` pass.
    public init(snapshot: HostSnapshot, report: CheckReport, immutable: Bool, programExists: (String) -> Bool) {
        let failing = Set(report.results.filter { $0.status == .fail || $0.status == .warn }.map(\.id))
        rules(snapshot, failing: failing, immutable: immutable)
        boot(snapshot, failing: failing, programExists: programExists)
        auditdConf(snapshot, failing: failing, programExists: programExists)
        permissionChanges(snapshot, failing: failing)
        if !files.filter({ $0.path.hasPrefix("/etc/audit/rules.d/") }).isEmpty || failing.contains("rules-loaded-match")
            || failing.contains("audit-backlog") || failing.contains(where: CISChecks.isRuleCoverage) {
            loadRules = true
        }
    }
}
