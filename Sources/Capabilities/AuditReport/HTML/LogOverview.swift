import AuditLog

/// What the HTML report shows of the log, gathered in one pass: aureport's counters, events
/// per minute by key, the top users, keys, programs and files, failed syscalls, anomalies,
/// and what needs a look.
public struct LogOverview: Sendable {
    public private(set) var summary = AureportTally(kind: .summary)
    /// Events per minute (seconds since the epoch / 60), counted by their first key ("" for none).
    public private(set) var perMinute: [Int64: [String: Int]] = [:]
    public private(set) var users = HitList<Int64>()
    public private(set) var keys = HitList<String>()
    public private(set) var programs = HitList<String>()
    public private(set) var files = HitList<String>()
    public private(set) var failedSyscalls = HitList<String>()
    /// The anomaly events, grouped by program and kind.
    public private(set) var anomalies: AnomalyGroups
    /// What the report opens with: the events a reviewer should read first.
    public private(set) var needsALook: NeedsALook

    public init(userName: @escaping @Sendable (UInt32) -> String?) {
        anomalies = AnomalyGroups(userName: userName)
        needsALook = NeedsALook(userName: userName)
    }

    public mutating func add(_ event: AuditEvent) {
        let report = ReportEvent(event)
        summary.observe(event.id)
        summary.tally(report)
        let f = report.facts
        perMinute[event.id.seconds / 60, default: [:]][f.keys.first ?? "", default: 0] += 1
        if let auid = f.auid, auid >= 0, auid < 4_294_967_295 { users.add(auid) }
        for key in f.keys { keys.add(key) }
        if let runtime = RuntimeInit.runtime(of: event) { programs.add(runtime + " init") } else if let exe = f.exe { programs.add(exe) }
        for file in report.files where file.name != "(null)" { files.add(file.name) }
        if f.success == false, let number = f.syscall, number > 0 {
            failedSyscalls.add(SyscallTable.name(of: Int(number), arch: f.arch) ?? String(number))
        }
        if report.has(MessageType.anomalies) || report.has(MessageType.kernelAnomalies) { anomalies.add(event) }
        needsALook.add(event, facts: f)
    }
}
