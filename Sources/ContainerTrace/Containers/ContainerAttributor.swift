/// Says which container a process belonged to at a moment, from the log alone: a process
/// is a container's when, following its parents, a runtime init comes before the
/// container's shim — a `runc init` exec, or an exec whose former command line was `runc
/// init` (runc's double fork leaves the container's first process without a runc init
/// parent). The shim's other children (runc create, hooks) are the host's.
public struct ContainerAttributor: Sendable {
    public let history: ProcessHistory
    public let shims: [ContainerShim]
    private let shimsByPID: [Int: [ContainerShim]]
    private let runtimeInits: [Int: [Double]]

    public init(history: ProcessHistory) {
        self.history = history
        shims = LaunchChains.shims(in: history)
        shimsByPID = Dictionary(grouping: shims, by: \.pid)
        var inits: [Int: [Double]] = [:]
        for (pid, list) in history.sightings {
            for sighting in list where (sighting.argv.map(LaunchChains.isRuntimeInit) ?? false)
                || LaunchChains.isRuntimeInit(title: sighting.formerTitle) {
                inits[pid, default: []].append(sighting.time)
            }
        }
        runtimeInits = inits
    }

    /// The id of the container `pid` ran in at `time`, or nil on the host.
    public func container(of pid: Int, at time: Double) -> String? {
        var insideInit = false
        for sighting in history.ancestry(of: pid, at: time) {
            if let shim = shimsByPID[sighting.pid]?.last(where: { $0.started <= time }) {
                return insideInit ? shim.containerID : nil
            }
            if runtimeInits[sighting.pid]?.contains(where: { $0 <= time }) ?? false { insideInit = true }
        }
        return nil
    }

    /// The container of an event's process, or nil on the host (or without a SYSCALL record).
    public func container(of sighting: ProcessSighting) -> String? { container(of: sighting.pid, at: sighting.time) }
}
