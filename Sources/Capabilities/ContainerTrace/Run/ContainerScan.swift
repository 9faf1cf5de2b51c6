import AuditLog
import HostIO

/// The containers of a log, as the commands want them, from one pass: the scan's workers
/// take each event apart, and the delivery places it (`ProcessTracker`) and fills the
/// catalog in log order. Names come from the engine while it answers, else config.v2.json,
/// else the client's arguments.
public struct ContainerScan {
    /// The host's files: config.v2.json under `dataRoot`, and /proc on a live host.
    public var files: any HostFiles
    public var dataRoot: String
    /// Asked for names when the log shows containers; nil offline.
    public var engine: (any ContainerEngine)?
    /// A live host: processes still running are confirmed through /proc.
    public var isLive: Bool
    /// Told when the engine does not answer (the names then come from files).
    public var warn: (String) -> Void = { _ in }

    public init(files: any HostFiles, dataRoot: String, engine: (any ContainerEngine)?, isLive: Bool) {
        self.files = files
        self.dataRoot = dataRoot
        self.engine = engine
        self.isLive = isLive
    }

    /// An empty catalog that names containers from what the host knows: the engine's list
    /// (asked once, when the log shows its first container) and Docker's files.
    public func catalog() -> ContainerCatalog {
        nonisolated(unsafe) let (engine, warn) = (self.engine, self.warn)
        return ContainerCatalog(engine: {
            guard let engine else { return [] }
            switch engine.listContainers() {
            case .success(let containers): return containers
            case .failure(let error):
                warn("the Docker engine at \(engine.address) did not answer (\(error)): names come from config.v2.json and the client's arguments")
                return []
            }
        }, files: files, dataRoot: dataRoot)
    }

    /// The containers of `inputs` with what each did.
    public func counted(_ inputs: [any LogSource], onProgress: ((Int) -> Void)? = nil) throws -> ContainerCatalog {
        let state = try track(inputs, onProgress: onProgress) { _, _, _ in }
        if isLive { state.catalog.confirm(state.tracker.liveContainerProcesses(), withProc: LocalHostFiles()) }
        return state.catalog
    }

    /// A process's ancestry at a moment (the process of event `serial`, or `pid` at `time`,
    /// by default when it was last seen); for a container's process, first the login session
    /// that asked for the container. Nil when the log has no such process or event.
    public func tree(_ inputs: [any LogSource], pid: Int?, at time: Double?, event serial: UInt64?,
                     userName: (UInt32) -> String?) throws -> String? {
        let target = TreeTarget(pid: pid, time: time, serial: serial)
        let state = try track(inputs) { sighting, placement, state in
            // The catalog has just read a client command from this sighting.
            if let command = state.catalog.clientCommands.last, command.pid == sighting.pid, command.time == sighting.time {
                state.clientTrees[ClientKey(pid: sighting.pid, time: sighting.time)] = state.tracker.ancestry(of: sighting.pid)
            }
            if target.wants(sighting, after: state.targetHops != nil) {
                state.targetHops = state.tracker.ancestry(of: sighting.pid)
                state.targetPlacement = placement
            }
        }
        guard let hops = state.targetHops else { return nil }
        let logins = state.tracker.logins
        var text = ""
        if let placement = state.targetPlacement, let id = placement.container, let actor = state.catalog.actor(for: placement),
           let actorHops = state.clientTrees[ClientKey(pid: actor.pid, time: actor.time)] {
            text += TreeText.render(actorHops, pid: actor.pid, logins: logins, userName: userName)
            let verb = actor.command.split(separator: " ").dropFirst().first { $0 != "container" } == "exec" ? "run the exec in" : "start"
            text += "  ⋮ dockerd and containerd \(verb) container \(id.prefix(12))" + (actor.byTiming ? " (linked by time only)" : "") + "\n"
        }
        return text + TreeText.render(hops, pid: hops[0].pid, logins: logins, userName: userName)
    }

    /// The one pass: `look` sees each placed process on the delivering thread, in log order.
    private func track(_ inputs: [any LogSource], onProgress: ((Int) -> Void)? = nil,
                       look: @escaping @Sendable (ProcessSighting, Placement, TrackingState) -> Void) throws -> TrackingState {
        let state = TrackingState(catalog: catalog())
        var stream = EventStream()
        stream.onProgress = onProgress
        try stream.scan(inputs, workers: 2, makePartial: { [TrackedEvent]() }, fill: { event, _, batch in
            batch.append(TrackedEvent(event))
        }, deliver: { batch in
            for event in batch {
                if let placement = state.catalog.add(event, tracker: &state.tracker), let sighting = event.sighting {
                    look(sighting, placement, state)
                }
            }
            batch.removeAll(keepingCapacity: true)
        })
        state.catalog.finish()
        return state
    }
}

/// The delivering thread's state during a scan (only it touches it).
private final class TrackingState: @unchecked Sendable {
    var tracker = ProcessTracker()
    var catalog: ContainerCatalog
    var targetHops: [ProcessHop]?
    var targetPlacement: Placement?
    /// The ancestry of each docker client command as it ran: the top of a container's tree.
    var clientTrees: [ClientKey: [ProcessHop]] = [:]

    init(catalog: ContainerCatalog) { self.catalog = catalog }
}

private struct ClientKey: Hashable {
    let pid: Int
    let time: Double
}

/// Which process `tree` asks for: the process of one event, or a pid at a moment (its last
/// sighting by then, or its first if it shows up only later), by default its last sighting.
private struct TreeTarget: Sendable {
    let pid: Int?
    let time: Double?
    let serial: UInt64?

    func wants(_ sighting: ProcessSighting, after found: Bool) -> Bool {
        if let serial { return sighting.serial == serial && !found }
        guard sighting.pid == pid else { return false }
        guard let time else { return true }
        return sighting.time <= time || !found
    }
}
