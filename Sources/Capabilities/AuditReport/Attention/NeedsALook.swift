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
    /// The process and operation of the last rule change, to fold one run's rules together.
    private var lastRuleChange: (pid: Int64, op: String)?

    public init(userName: @escaping @Sendable (UInt32) -> String?) {
        sentence = EventSentence(userName: userName)
    }

    public var isEmpty: Bool { counts.isEmpty }

    public mutating func add(_ event: AuditEvent) {
        guard let head = event.records.first?.type else { return }
        switch head {
        case .syscall:
            if let execve = event.first(.execve) {
                let risks = LaunchRisk.risks(ofDockerCommand: execve.execveArguments)
                if !risks.isEmpty {
                    let command = execve.execveArguments.joined(separator: " ")
                    let who = EventParts(event, userName: sentence.userName).subject
                    keep(.riskyContainer, event, "At \(TimeText.interpretStyle(event.id.seconds)) \(who) started a container with "
                         + risks.map(\.description).joined(separator: ", ") + ": " + command)
                }
            }
            if let kind = Self.configurationChange(event) { keep(kind, event, sentence.sentence(for: event)) }
        case .userCmd:
            keep(.sudoCommand, event, sentence.sentence(for: event))
        case .configChange, .daemonConfig:
            if !sameRuleLoad(event) { keep(.auditConfig, event, sentence.sentence(for: event)) }
        case .userLogin, .userAuth, .userAcct:
            if EventFacts(event, wanted: .syscall).success == false { keep(.failedLogin, event, sentence.sentence(for: event)) }
        default:
            break
        }
    }

    /// True, after counting it, when `event` is one more rule change of the process whose
    /// rule change is the last entry (auditctl -R loading a file adds one rule per event).
    private mutating func sameRuleLoad(_ event: AuditEvent) -> Bool {
        let op = event.records.first?.text(of: "op") ?? ""
        guard op == "add_rule" || op == "remove_rule", let pid = EventFacts(event, wanted: .ids).pid else {
            lastRuleChange = nil
            return false
        }
        defer { lastRuleChange = (pid, op) }
        guard let last = lastRuleChange, last == (pid, op), var entries = entries[.auditConfig], var entry = entries.last,
              EventFacts(entry.event, wanted: .ids).pid == pid else { return false }
        entry.repeats += 1
        let first = sentence.sentence(for: entry.event).dropLast()
        entry.text = first + ", and \(entry.repeats - 1) more in the same run"
        entries[entries.count - 1] = entry
        self.entries[.auditConfig] = entries
        return true
    }

    private mutating func keep(_ kind: Kind, _ event: AuditEvent, _ text: some StringProtocol) {
        counts[kind, default: 0] += 1
        if entries[kind, default: []].count < Self.keptPerKind { entries[kind, default: []].append(Entry(kind: kind, text: String(text), event: event)) }
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
    static func configurationChange(_ event: AuditEvent) -> Kind? {
        let facts = EventFacts(event, wanted: [.syscall, .files])
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
