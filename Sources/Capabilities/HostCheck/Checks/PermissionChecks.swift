import AuditRules
import HostIO

/// Owners and modes: audit configuration and logs readable by root only (and the log
/// group), the Docker socket a socket owned by root:docker with mode 0660.
enum PermissionChecks {
    static func run(_ snapshot: HostSnapshot) -> [CheckResult] {
        [configuration(snapshot), logs(snapshot), dockerSocket(snapshot)]
    }

    private static func octal(_ mode: UInt32) -> String {
        let text = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private static func configuration(_ snapshot: HostSnapshot) -> CheckResult {
        let paths = ["/etc/audit", "/etc/audit/rules.d", "/etc/audit/auditd.conf", "/etc/audit/audit.rules"]
            + snapshot.files.keys.filter { $0.hasPrefix("/etc/audit/rules.d/") }.sorted()
        let hidden = ["/etc/audit/rules.d", "/etc/audit/auditd.conf", "/etc/audit/audit.rules"].compactMap { snapshot.readProblems[$0] }
        guard hidden.isEmpty else {
            return CheckResult(id: "rules-perms", title: "audit configuration is owned by root and not open to others",
                               category: .permissions, status: .skip, evidence: hidden.map(\.description))
        }
        var evidence: [String] = []
        var commands: [String] = []
        for path in paths {
            guard let status = snapshot.files[path] else { continue }
            var problems: [String] = []
            if status.uid != 0 { problems.append("owner uid \(status.uid)") }
            if status.mode & 0o022 != 0 { problems.append("writable by group or others") }
            if status.mode & 0o004 != 0 { problems.append("readable by others") }
            evidence.append("\(path): \(octal(status.mode)) uid \(status.uid)" + (problems.isEmpty ? "" : " — " + problems.joined(separator: ", ")))
            if !problems.isEmpty {
                if status.uid != 0 { commands.append("chown root \(path)") }
                commands.append("chmod go-w,o-rwx \(path)")
            }
        }
        guard !evidence.isEmpty else {
            return CheckResult(id: "rules-perms", title: "audit configuration is owned by root and not open to others",
                               category: .permissions, status: .skip, evidence: ["/etc/audit not found"])
        }
        return CheckResult(id: "rules-perms", title: "audit configuration is owned by root and not open to others",
                           category: .permissions, status: commands.isEmpty ? .pass : .fail, evidence: evidence,
                           remediation: commands.isEmpty ? nil : commands.joined(separator: "; "))
    }

    private static func logs(_ snapshot: HostSnapshot) -> CheckResult {
        let title = "audit logs are owned by root, mode 0600 or 0640, group as log_group"
        if let problem = snapshot.readProblems["/etc/audit/auditd.conf"] {   // log_group unknown: no advice built on a guess
            return CheckResult(id: "log-perms", title: title, category: .permissions, status: .skip,
                               evidence: ["log_group unknown: \(problem)"])
        }
        let conf = snapshot.auditdConf?.text.map(KeyValueConfig.init(text:))
        let groupName = conf?["log_group"]?.value ?? "root"
        let gid = groupName == "root" ? 0 : (snapshot.groups[groupName] ?? UInt32(groupName))
        guard let directory = snapshot.files[snapshot.logDirectory] else {
            return CheckResult(id: "log-perms", title: title, category: .permissions, status: .skip,
                               evidence: ["\(snapshot.logDirectory) not found"])
        }
        var evidence = ["log_group \(groupName)" + (gid.map { " (gid \($0))" } ?? " (not in /etc/group)")]
        var commands: [String] = []
        func judge(_ path: String, _ status: FileStatus, allowed: Set<UInt32>) {
            var problems: [String] = []
            if status.uid != 0 { problems.append("owner uid \(status.uid)") }
            if !allowed.contains(status.mode) { problems.append("mode \(octal(status.mode))") }
            if let gid, status.gid != gid && status.gid != 0 { problems.append("group gid \(status.gid)") }
            evidence.append("\(path): \(octal(status.mode)) uid \(status.uid) gid \(status.gid)"
                            + (problems.isEmpty ? "" : " — " + problems.joined(separator: ", ")))
            if !problems.isEmpty {
                commands.append("chown root:\(groupName) \(path)")
                commands.append("chmod \(status.kind == .directory ? "0750" : "0640") \(path)")
            }
        }
        judge(snapshot.logDirectory, directory, allowed: [0o700, 0o750])
        for path in snapshot.logFiles.sorted() {
            if let status = snapshot.files[path], status.kind == .file { judge(path, status, allowed: [0o600, 0o640, 0o400, 0o440]) }
        }
        return CheckResult(id: "log-perms", title: title, category: .permissions, status: commands.isEmpty ? .pass : .fail,
                           evidence: evidence, remediation: commands.isEmpty ? nil : commands.joined(separator: "; "))
    }

    private static func dockerSocket(_ snapshot: HostSnapshot) -> CheckResult {
        let title = "the Docker socket is a socket owned by root:docker, mode 0660"
        guard let path = ["/var/run/docker.sock", "/run/docker.sock"].first(where: { snapshot.files[$0] != nil }),
              let status = snapshot.files[path] else {
            return CheckResult(id: "docker-sock-perms", title: title, category: .permissions, status: .na,
                               evidence: ["no /var/run/docker.sock"])
        }
        var problems: [String] = []
        if status.kind != .socket { problems.append("a \(status.kind.rawValue), not a socket") }
        if status.uid != 0 { problems.append("owner uid \(status.uid)") }
        if let docker = snapshot.groups["docker"] {
            if status.gid != docker { problems.append("group gid \(status.gid), not docker (\(docker))") }
        } else {
            problems.append("no docker group in /etc/group")
        }
        if status.mode != 0o660 { problems.append("mode \(octal(status.mode))") }
        let evidence = ["\(path): \(status.kind.rawValue) \(octal(status.mode)) uid \(status.uid) gid \(status.gid)"] + problems
        return CheckResult(id: "docker-sock-perms", title: title, category: .permissions,
                           status: problems.isEmpty ? .pass : .fail, evidence: evidence,
                           remediation: problems.isEmpty ? nil
                               : "chown root:docker \(path); chmod 0660 \(path) (and SocketUser/SocketGroup/SocketMode in docker.socket so it survives a restart)")
    }
}
