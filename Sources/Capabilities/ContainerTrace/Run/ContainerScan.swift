import AuditLog
import HostIO

/// The containers of a log, as the commands want them: the log read once for the process
/// history, the containers named (by the engine while it answers, else config.v2.json, else
/// the client's arguments), then read again to count what each container did.
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

    /// Commands that need the history first cannot take standard input, which is read once.
    public static let readsTwice = "this command reads the log twice: give files, not standard input"

    public init(files: any HostFiles, dataRoot: String, engine: (any ContainerEngine)?, isLive: Bool) {
        self.files = files
        self.dataRoot = dataRoot
        self.engine = engine
        self.isLive = isLive
    }

    /// The process history of `inputs`; the sighting of event `serial` stays findable for `tree`.
    public static func history(_ inputs: [any LogSource], keeping serial: UInt64? = nil) throws -> ProcessHistory {
        var history = ProcessHistory()
        if let serial { history.findable = [serial] }
        var stream = EventStream()
        try stream.scan(inputs) { history.add($0) }
        return history
    }

    /// The containers of `history`, named.
    public func catalog(_ history: ProcessHistory) -> ContainerCatalog {
        var entries: [EngineContainerEntry] = []
        if let engine, !history.sightings.isEmpty, !LaunchChains.shims(in: history).isEmpty {
            switch engine.listContainers() {
            case .success(let containers): entries = containers
            case .failure(let error):
                warn("the Docker engine at \(engine.address) did not answer (\(error)): names come from config.v2.json and the client's arguments")
            }
        }
        return ContainerCatalog(history: history, engine: entries, files: files, dataRoot: dataRoot)
    }

    /// The containers of `inputs` with what each did: the log read twice.
    public func counted(_ inputs: [any LogSource], onProgress: ((Int) -> Void)? = nil) throws -> ContainerCatalog {
        var catalog = catalog(try Self.history(inputs))
        if isLive { catalog.confirm(withProc: LocalHostFiles()) }
        var stream = EventStream()
        stream.onProgress = onProgress
        try stream.scan(inputs) { catalog.count($0) }
        return catalog
    }

    /// A process's ancestry at a moment (the process of event `serial`, which `history` was
    /// built keeping, or `pid` at `time`, by default when it was last seen); for a container's
    /// process, first the login session that asked for the container. Nil when the log has no
    /// such process or event.
    public func tree(_ history: ProcessHistory, pid: Int?, at time: Double?, event serial: UInt64?,
                     userName: (UInt32) -> String?) -> String? {
        var target: (pid: Int, time: Double)?
        if let serial {
            target = history.sighting(serial: serial).map { ($0.pid, $0.time) }
        } else if let pid {
            target = (pid, time ?? history.lastSeen(pid) ?? 0)
        }
        guard let target, history.sightings[target.pid] != nil else { return nil }
        let attributor = ContainerAttributor(history: history)
        var text = ""
        if let sighting = history.sighting(of: target.pid, at: target.time), let id = attributor.container(of: sighting),
           let actor = catalog(history).actor(for: sighting) {
            text += history.treeText(pid: actor.pid, at: actor.time, attributor: attributor, userName: userName)
            let verb = actor.command.split(separator: " ").dropFirst().first { $0 != "container" } == "exec" ? "run the exec in" : "start"
            text += "  ⋮ dockerd and containerd \(verb) container \(id.prefix(12))" + (actor.byTiming ? " (linked by time only)" : "") + "\n"
        }
        return text + history.treeText(pid: target.pid, at: target.time, attributor: attributor, userName: userName)
    }
}
