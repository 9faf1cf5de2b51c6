import AuditLog

/// Tells dockaudit's own processes from the rest, so reports and sentences are about the
/// host and not about the tool: a process whose program is dockaudit, and every process it
/// starts (auditctl loading its rules, systemd-analyze), with their crashes. Events must
/// come in log order: a child is known by its parent's pid, seen before it.
public struct OwnProcesses: Sendable {
    /// How many events `isOwn` said yes to.
    public private(set) var leftOut = 0
    private var pids = Set<Int64>()

    public init() {}

    /// What telling an event needs: its pid, its parent's, and whether its program is dockaudit.
    package struct Process: Sendable {
        let pid: Int64
        let ppid: Int64?
        let isDockaudit: Bool
    }

    /// The event's process; nil without a pid. Pure, so it can run on any thread.
    package static func process(of event: AuditEvent) -> Process? {
        let facts = EventFacts(event, wanted: [.ids, .names])
        guard let pid = facts.pid else { return nil }
        return Process(pid: pid, ppid: facts.ppid, isDockaudit: facts.exe.map { $0 == "dockaudit" || $0.hasSuffix("/dockaudit") } ?? false)
    }

    /// True when `event` is of dockaudit or of a process it started; counts it.
    package mutating func isOwn(_ event: AuditEvent) -> Bool { isOwn(Self.process(of: event)) }

    /// The same for an event's process taken apart beforehand; called in log order.
    package mutating func isOwn(_ process: Process?) -> Bool {
        guard let process else { return false }
        if process.isDockaudit || process.ppid.map(pids.contains) == true {
            pids.insert(process.pid)
            leftOut += 1
            return true
        }
        // The pid is another process now (reused, or the process ran another program).
        pids.remove(process.pid)
        return false
    }

    /// The line that says what was left out, or nil when nothing was.
    public var note: String? {
        leftOut == 0 ? nil : "left out \(Wording.count(leftOut, "event")) of dockaudit's own processes (--include-own shows them)"
    }
}
