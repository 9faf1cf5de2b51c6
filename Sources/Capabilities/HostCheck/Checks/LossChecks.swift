import HostIO

/// Events lost between the kernel and their readers, beyond the kernel's own counter
/// (`audit-lost`): auditd's queue to its plugins, and dockaudit's plugin, from the reports
/// they leave. `check` reads them and signals nothing: auditd writes its report on SIGCONT,
/// which `follow --stats` and the plugin send.
enum LossChecks {
    static func run(_ snapshot: HostSnapshot) -> [CheckResult] {
        [dispatcher(snapshot), plugin(snapshot)]
    }

    private static func dispatcher(_ snapshot: HostSnapshot) -> CheckResult {
        let title = "auditd's queue to its plugins never overflowed"
        let id = "audit-dispatcher"
        guard let text = snapshot.auditdState?.text else {
            return CheckResult(id: id, title: title, category: .daemon, status: .skip,
                               evidence: ["no \(AuditdState.path): auditd writes it on SIGCONT (kill -CONT $(cat /run/auditd.pid)); check sends nothing"])
        }
        let state = AuditdState(parsing: text)
        let depth = "max plugin queue depth used \(state.pluginQueueMaximumDepth.map(String.init) ?? "?") of \(state.pluginQueueSize.map(String.init) ?? "?")"
        guard let overflowed = state.pluginQueueOverflowed else {
            return CheckResult(id: id, title: title, category: .daemon, status: .skip, evidence: ["\(AuditdState.path) has no plugin queue lines"])
        }
        return CheckResult(id: id, title: title, category: .daemon, status: overflowed ? .fail : .pass,
                           evidence: [overflowed ? "plugin queue overflow detected = yes: auditd dropped events to its plugins (syslog says so only 5 times)" : "plugin queue overflow detected = no", depth],
                           remediation: overflowed ? "raise q_depth in /etc/audit/auditd.conf and restart auditd; a plugin that blocks on its output holds the queue (dockaudit plugin spills to disk instead)" : nil)
    }

    private static func plugin(_ snapshot: HostSnapshot) -> CheckResult {
        let title = "dockaudit's auditd plugin lost nothing"
        let id = "plugin-losses"
        guard let stats = snapshot.pluginStats else {
            return CheckResult(id: id, title: title, category: .daemon, status: snapshot.pluginInstalled ? .warn : .na,
                               evidence: [snapshot.pluginInstalled ? "the plugin is installed but has written no stats yet" : "the plugin is not installed"],
                               remediation: snapshot.pluginInstalled ? "reload auditd (kill -HUP $(cat /run/auditd.pid)) and check that it started the plugin" : nil)
        }
        guard let report = LossReport.decode(stats.bytes) else {
            return CheckResult(id: id, title: title, category: .daemon, status: .warn, evidence: ["\(stats.path) is not the plugin's stats"])
        }
        return CheckResult(id: id, title: title, category: .daemon, status: report.isClean ? .pass : .fail,
                           evidence: ["\(stats.path): \(report.text)"],
                           remediation: report.isClean ? nil : "see docs/live.md: raise --spill-limit for drops, auditd's q_depth for dispatcher overflows, the kernel's backlog (-b) for kernel losses")
    }
}
