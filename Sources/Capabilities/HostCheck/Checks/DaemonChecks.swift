/// auditd installed and running; the kernel enabled, not losing events, with room in its backlog.
enum DaemonChecks {
    static let minimumBacklog = 8192

    static func run(_ snapshot: HostSnapshot) -> [CheckResult] {
        var results: [CheckResult] = []
        func add(_ id: String, _ title: String, _ status: CheckStatus, _ evidence: [String], _ fix: String? = nil) {
            results.append(CheckResult(id: id, title: title, category: .daemon, status: status, evidence: evidence,
                                       remediation: status == .pass || status == .na ? nil : fix))
        }
        if let program = snapshot.auditdProgram {
            add("auditd-installed", "auditd is installed", .pass, ["\(program) exists"])
        } else {
            add("auditd-installed", "auditd is installed", .fail, ["no auditd in /sbin or /usr/sbin"],
                "apt-get install auditd (Debian, Ubuntu) or dnf install audit (Red Hat)")
        }
        switch snapshot.auditdRunning {
        case .value(true): add("auditd-running", "auditd is running", .pass, ["auditd is running"])
        case .value(false): add("auditd-running", "auditd is running", .fail, ["no auditd process; the kernel has no audit daemon"],
                                "systemctl enable --now auditd")
        case .unavailable(let reason): add("auditd-running", "auditd is running", .skip, [reason])
        }
        guard let status = snapshot.status.value else {
            let reason = snapshot.status.reason
            add("audit-enabled", "the kernel's audit is enabled", .skip, [reason])
            add("audit-lost", "no audit events were lost", .skip, [reason])
            add("audit-backlog", "the audit backlog is large enough", .skip, [reason])
            return results
        }
        switch status.enabled {
        case 1?, 2?: add("audit-enabled", "the kernel's audit is enabled", .pass, ["enabled \(status.enabled!)"])
        case let value?: add("audit-enabled", "the kernel's audit is enabled", .fail, ["enabled \(value)"],
                             "auditctl -e 1 (and audit=1 on the kernel command line)")
        case nil: add("audit-enabled", "the kernel's audit is enabled", .skip, ["auditctl -s has no enabled line"])
        }
        if let lost = status.number("lost") {
            add("audit-lost", "no audit events were lost", lost == 0 ? .pass : .fail, ["lost \(lost)"],
                "raise the backlog (-b \(minimumBacklog) in rules.d, audit_backlog_limit=\(minimumBacklog) on the kernel command line) and check auditd's disk and flush settings; auditctl --reset-lost clears the counter")
        } else {
            add("audit-lost", "no audit events were lost", .skip, ["auditctl -s has no lost line"])
        }
        if let limit = status.number("backlog_limit") {
            let backlog = status.number("backlog") ?? 0
            let evidence = ["backlog_limit \(limit)", "backlog \(backlog)"]
            if limit < minimumBacklog {
                add("audit-backlog", "the audit backlog is large enough", .fail, evidence,
                    "add -b \(minimumBacklog) to /etc/audit/rules.d (for example 10-base-config.rules) and load it")
            } else if backlog * 2 >= limit {
                add("audit-backlog", "the audit backlog is large enough", .warn, evidence + ["the backlog is half full or more"],
                    "raise -b, or lower the event rate (lint the rules for high-volume ones)")
            } else {
                add("audit-backlog", "the audit backlog is large enough", .pass, evidence)
            }
        } else {
            add("audit-backlog", "the audit backlog is large enough", .skip, ["auditctl -s has no backlog_limit line"])
        }
        return results
    }
}
