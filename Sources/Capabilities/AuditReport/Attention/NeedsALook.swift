import AuditLog
import ContainerTrace

/// The events of a log a reviewer should read first, gathered in one pass: containers
/// launched with weakened isolation, sudo commands, changes to Docker's and the audit
/// system's configuration, and failed logins. Each entry keeps its event for the appendix.
public struct NeedsALook: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case riskyContainer, sudoCommand, dockerConfig, auditConfig, failedLogin

        public var title: String {
            switch self {
            case .riskyContainer: return "Containers started with host access"
            case .sudoCommand: return "sudo commands"
            case .dockerConfig: return "Changes to Docker's configuration and programs"
            case .auditConfig: return "Changes to the audit configuration"
            case .failedLogin: return "Failed logins and authentications"
            }
        }
    }

    public struct Entry: Sendable {
        public var kind: Kind
        /// What happened, as plain text (the caller escapes it for its medium).
        public var text: String
        public var event: AuditEvent
        /// Rule changes of one auditctl run are one entry: how many it made.
        package var repeats = 1
    }

    /// Entries kept per kind; the rest are only counted, so memory stays bounded.
    package static let keptPerKind = 200
    public private(set) var entries: [Kind: [Entry]] = [:]
    public private(set) var counts: [Kind: Int] = [:]
    private let sentence: EventSentence
    /// The auditctl run whose rule changes are being folded: its process and operation, its
    /// entry (nil when the list was full), and its first sentence without the full stop.
    private var ruleRun: (pid: Int64, op: String, entry: Int?, text: String)?

    public init(userName: @escaping @Sendable (UInt32) -> String?) {
        sentence = EventSentence(userName: userName)
    }

    public var isEmpty: Bool { counts.isEmpty }

    public mutating func add(_ event: AuditEvent) { add(event, facts: EventFacts(event)) }

    /// Adds `event`, with the facts the caller already read of it (the HTML overview has them).
    package mutating func add(_ event: AuditEvent, facts: EventFacts) {
        guard let head = event.records.first?.type else { return }
        switch head {
        case .syscall:
            // Only the docker client's command lines are decoded whole.
            if let execve = event.first(.execve), execve.text(of: "a0")?.split(separator: "/").last == "docker" {
                let argv = execve.execveArguments
                let risks = LaunchRisk.risks(ofDockerCommand: argv)
                if !risks.isEmpty {
                    let who = EventParts(event, userName: sentence.userName).subject
                    keep(.riskyContainer, event, "At \(TimeText.interpretStyle(event.id.seconds)) \(who) started a container with "
                         + risks.map(\.description).joined(separator: ", ") + ": " + argv.joined(separator: " "))
                }
            }
            if let kind = Self.configurationChange(event, facts: facts) { keep(kind, event, sentence.sentence(for: event)) }
        case .userCmd:
            keep(.sudoCommand, event, sentence.sentence(for: event))
        case .configChange, .daemonConfig:
            addConfigChange(event, pid: facts.pid)
        case .userLogin, .userAuth, .userAcct:
            if facts.success == false { keep(.failedLogin, event, sentence.sentence(for: event)) }
        default:
            break
        }
    }

    /// An audit configuration change; the rule changes of one auditctl run (`-R` adds one
    /// rule per event) fold into its first entry, which counts them.
    private mutating func addConfigChange(_ event: AuditEvent, pid: Int64?) {
        let op = event.records.first?.text(of: "op") ?? ""
        let isRuleChange = (op == "add_rule" || op == "remove_rule") && pid != nil
        if isRuleChange, let run = ruleRun, run.pid == pid, run.op == op {
            if let index = run.entry, var entry = entries[.auditConfig]?[index] {
                entry.repeats += 1
                entry.text = run.text + ", and \(entry.repeats - 1) more in the same run"
                entries[.auditConfig]?[index] = entry
            }
            return
        }
        let text = sentence.sentence(for: event)
        let entry = keep(.auditConfig, event, text)
        ruleRun = isRuleChange ? (pid!, op, entry, String(text.dropLast())) : nil
    }

    /// Counts the event under `kind`, and keeps it while the list has room; returns where.
    @discardableResult
    private mutating func keep(_ kind: Kind, _ event: AuditEvent, _ text: String) -> Int? {
        counts[kind, default: 0] += 1
        guard entries[kind, default: []].count < Self.keptPerKind else { return nil }
        entries[kind, default: []].append(Entry(kind: kind, text: text, event: event))
        return entries[kind]!.count - 1
    }

    // MARK: Configuration files

    /// Docker's configuration and programs: a changed one changes what the daemon does.
    static let dockerPaths = ["/etc/docker/", "/etc/default/docker", "/etc/sysconfig/docker", "/etc/containerd/",
                              "/usr/bin/docker", "/usr/sbin/dockerd", "/usr/bin/dockerd", "/usr/bin/containerd",
                              "/usr/sbin/runc", "/usr/bin/runc", "/etc/systemd/system/docker.", "/lib/systemd/system/docker.",
                              "/usr/lib/systemd/system/docker."]
    static let auditPaths = ["/etc/audit/", "/etc/audisp/", "/sbin/auditctl", "/usr/sbin/auditctl", "/sbin/auditd", "/usr/sbin/auditd",
                             "/etc/libaudit.conf"]
    /// Syscalls that change a file or its attributes whatever their arguments.
    static let changing: Set<String> = [
        "creat", "unlink", "unlinkat", "rename", "renameat", "renameat2", "rmdir", "mkdir", "mkdirat", "truncate", "ftruncate",
        "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "fchownat", "lchown", "link", "linkat", "symlink",
        "symlinkat", "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr", "utimensat", "utimes",
    ]

    /// The kind of configuration a successful syscall event changed, if it changed one.
    static func configurationChange(_ event: AuditEvent, facts: EventFacts) -> Kind? {
        guard facts.success == true, let number = facts.syscall,
              let name = SyscallTable.name(of: Int(number), arch: facts.arch), changes(event, syscall: name) else { return nil }
        for name in facts.files {
            let file = name.hasPrefix("/") ? name : (facts.cwd ?? "") + "/" + name
            if dockerPaths.contains(where: { file.hasPrefix($0) }) { return .dockerConfig }
            if auditPaths.contains(where: { file.hasPrefix($0) }) { return .auditConfig }
        }
        return nil
    }

    private static func changes(_ event: AuditEvent, syscall: String) -> Bool {
        if changing.contains(syscall) { return true }
        // open's flags are a1, openat's a2: writing, creating or truncating.
        let flagsField = syscall == "open" ? "a1" : syscall == "openat" ? "a2" : nil
        guard let flagsField, let hex = event.records.first?.value(of: flagsField), let flags = Int(hex, radix: 16) else { return false }
        return flags & 0o3 != 0 || flags & 0o1000 != 0 || flags & 0o100 != 0
    }
}
