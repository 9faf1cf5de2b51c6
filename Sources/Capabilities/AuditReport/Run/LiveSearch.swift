import AuditLog
import ContainerTrace

/// `search` over a live stream: one event at a time, in log order, on the calling thread,
/// each placed by the tracker as it arrives and written at once when it matches. `follow`
/// and the auditd plugin run it; the selection, places and formats are `SearchRun`'s,
/// and JSON events always carry `container`, `actor` and `process`.
public final class LiveSearch {
    private let criteria: SearchCriteria
    private let output: SearchRun.Output
    private let places: SearchRun.Places
    private let includeOwn: Bool
    private let userName: @Sendable (UInt32) -> String?
    private var tracker = ProcessTracker()
    public private(set) var catalog: ContainerCatalog
    private var own = OwnProcesses()
    /// Events of this process (the follower or plugin itself) are left out unless `includeOwn`:
    /// a rule watching where it reads or writes would otherwise feed it its own events.
    public let ownPid: Int
    public private(set) var matched = 0
    /// On a live host: tells whether a pid still runs, so processes whose end the rules do not
    /// show are forgotten once gone (checked every 30 s of log for those idle 60 s). Nil for a replay.
    public var isAlive: ((Int) -> Bool)?
    private var lastForget = 0.0

    public init(_ run: SearchRun, ownPid: Int) {
        criteria = run.criteria
        output = run.output
        places = run.places
        includeOwn = run.includeOwn
        userName = run.userName
        catalog = run.catalog ?? ContainerCatalog()
        self.ownPid = ownPid
    }

    /// How many processes the tracker holds (its memory follows them, not the stream).
    public var trackedProcesses: Int { tracker.processCount }

    /// Places `event` (taken apart already when `tracked` is given) and writes it into `out`
    /// when it matches; returns where its process ran.
    @discardableResult
    public func take(_ event: AuditEvent, tracked given: TrackedEvent? = nil, into out: inout OutputBuffer) -> Placement? {
        let tracked = given ?? TrackedEvent(event)
        let placement = catalog.add(tracked, tracker: &tracker)
        if let isAlive, let time = tracked.sighting?.time, time >= lastForget + 30 {
            if lastForget > 0 { tracker.forgetGone(now: time, idle: 60, isAlive: isAlive) }
            lastForget = time
        }
        guard criteria.matchesInTime(event), includeOwn || !isOwn(tracked, event),
              places.admit(placement?.container, in: catalog) else { return placement }
        matched += 1
        output.writePlaced(event, placement: placement, pid: tracked.sighting?.pid, catalog: catalog, tracker: tracker,
                           userName: userName, into: &out)
        return placement
    }

    /// The event is of this process, or (for sentences) of dockaudit's own processes.
    private func isOwn(_ tracked: TrackedEvent, _ event: AuditEvent) -> Bool {
        if tracked.sighting?.pid == ownPid { return true }
        if case .sentences = output { return own.isOwn(OwnProcesses.process(of: event)) }
        return false
    }
}
