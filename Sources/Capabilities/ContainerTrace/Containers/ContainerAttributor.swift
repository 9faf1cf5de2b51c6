/// Says which container a process belonged to at a moment, from the log alone.
///
/// The container's shim is the top of every chain: below it are the runtime's own
/// processes (`runc create`, `runc exec`, their hooks such as dockerd's libnetwork-setkey)
/// and the container's processes, which runc starts through `runc init` and which the shim
/// adopts when runc exits. So a process belongs to the container when, among its parents,
/// the one just under the shim is a container process — or is runc, and the one under
/// runc is `runc init` or any program that is not part of the runtime.
package struct ContainerAttributor: Sendable {
    public let history: ProcessHistory
    package let shims: [ContainerShim]
    private let shimsByPID: [Int: [ContainerShim]]
    /// Each container's shims, and the `runc exec`s that stand in for them, in time order.
    package let shimsByContainer: [String: [ContainerShim]]

    /// Programs of the runtime on the host side, never a container's own.
    static let runtimePrograms: Set<String> = [
        "runc", "crun", "dockerd", "containerd", "docker-proxy", "containerd-shim", "containerd-shim-runc-v1",
        "containerd-shim-runc-v2", "conmon", "libnetwork-setkey",
    ]

    public init(history: ProcessHistory) {
        self.history = history
        shims = LaunchChains.shims(in: history)
        shimsByPID = Dictionary(grouping: shims, by: \.pid)
        shimsByContainer = Dictionary(grouping: shims, by: \.containerID)
    }

    /// The id of the container `pid` ran in at `time`, or nil on the host.
    public func container(of pid: Int, at time: Double) -> String? {
        let chain = history.ancestry(of: pid, at: time)
        for (index, sighting) in chain.enumerated() {
            guard let shim = shimsByPID[sighting.pid]?.last(where: { $0.started <= time }) else { continue }
            guard index > 0 else { return nil }                      // the shim itself
            let underShim = chain[index - 1]
            // runc standing in for a shim: the process under it is the container's, or a hook.
            if ["runc", "crun"].contains(program(of: sighting, at: time)) {
                return role(of: underShim, at: time) == .hostRuntime ? nil : shim.containerID
            }
            switch role(of: underShim, at: time) {
            case .container: return shim.containerID
            case .runtimeInit: return shim.containerID
            case .hostRuntime:
                guard index > 1, program(of: underShim, at: time) == "runc" || program(of: underShim, at: time) == "crun" else { return nil }
                let underRuntime = chain[index - 2]
                return role(of: underRuntime, at: time) == .hostRuntime ? nil : shim.containerID
            }
        }
        return nil
    }

    /// The container of an event's process, or nil on the host (or without a SYSCALL record).
    public func container(of sighting: ProcessSighting) -> String? { container(of: sighting.pid, at: sighting.time) }

    private enum Role { case container, runtimeInit, hostRuntime }

    private func role(of sighting: ProcessSighting, at time: Double) -> Role {
        if let argv = history.lastExec(of: sighting.pid, until: time)?.argv, LaunchChains.isRuntimeInit(argv) { return .runtimeInit }
        return Self.runtimePrograms.contains(program(of: sighting, at: time)) ? .hostRuntime : .container
    }

    /// The base name of what the process ran last by `time`.
    private func program(of sighting: ProcessSighting, at time: Double) -> String {
        let path = history.lastExec(of: sighting.pid, until: time)?.argv.first ?? sighting.exe ?? sighting.comm ?? ""
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // dockerd runs its hook as `libnetwork-setkey`; the exe is still dockerd.
        if let exe = sighting.exe?.split(separator: "/").last, Self.runtimePrograms.contains(String(exe)) { return String(exe) }
        return name
    }
}
