/// Whether a reboot deserves suspicion, and why.
public struct RebootVerdict: Sendable {
    public var boot: Int
    public var at: Double
    public var suspicious: Bool { !reasons.isEmpty }
    package var reasons: [String]
}

/// Judges every reboot in the log (every boot after the first): no clean shutdown before
/// it, outside the maintenance windows, rules that differ from the previous boot's (on an
/// immutable host a reboot is the only way to change them), audit disabled or auditd
/// stopped while the host ran.
package enum RebootVerdicts {
    /// How long after a boot its rule loading counts as the boot's own (rules.d at startup).
    static let ruleLoadWindow: Double = 300

    package static func judge(_ boots: [Boot], windows: [MaintenanceWindow]) -> [RebootVerdict] {
        guard boots.count > 1 else { return [] }
        return (1..<boots.count).map { index in
            let previous = boots[index - 1], boot = boots[index]
            var reasons: [String] = []
            if previous.auditdStoppedAtEnd {
                reasons.append("auditd was stopped (DAEMON_END) and never started again before it, with no recorded shutdown")
            } else if !previous.cleanShutdown {
                reasons.append("no clean shutdown before it: boot \(previous.number) ends without SYSTEM_SHUTDOWN or a runlevel 0/6 change (a crash, a power cut, or a forced reset)")
            }
            if !windows.isEmpty, !windows.contains(where: { $0.contains(boot.start) }) {
                reasons.append("outside the maintenance windows (\(windows.map(\.description).joined(separator: "; ")))")
            }
            let before = Set(previous.ruleChanges), after = Set(boot.ruleChanges)
            if !previous.ruleChanges.isEmpty, before != after {
                let added = after.subtracting(before).sorted(), removed = before.subtracting(after).sorted()
                reasons.append("the audit rules changed across it: " + (added.map { "+" + $0 } + removed.map { "-" + $0 }).joined(separator: ", "))
            }
            if !previous.auditDisabledAt.isEmpty {
                reasons.append("audit was disabled (audit_enabled=0) during boot \(previous.number), before this reboot")
            }
            for gap in previous.auditdGaps {
                reasons.append("auditd was stopped for \(Int(gap.to - gap.from)) s during boot \(previous.number)")
            }
            return RebootVerdict(boot: boot.number, at: boot.start, reasons: reasons)
        }
    }
}
