import AuditLog
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostIO

/// Who started a container: the login user behind the docker client, even through sudo.
public struct ContainerActor: Sendable, Equatable {
    /// The docker client process and when it ran.
    public var pid: Int
    public var time: Double
    public var auid: UInt32?
    public var uid: UInt32?
    public var ses: UInt32?
    public var command: String
    /// True when no name tied the command to the container, only its time.
    package var byTiming: Bool
}

/// One container seen in the log, with what the log and the host say about it.
public struct ContainerInfo: Sendable {
    public var id: String
    public var name: String?
    public var image: String?
    /// Where the name came from: `config.v2.json`, `docker argv`.
    package var nameSource: String?
    public var actor: ContainerActor?
    public var started: Double
    var firstEvent: Double?
    var lastEvent: Double?
    public var events = 0
    var execs = 0
    var filesWritten = 0
    package var failedSyscalls = 0
    var connects = 0
    /// A process the log puts in this container still runs, and its cgroup in /proc names it.
    var confirmedByProc = false
    /// Every docker client command that named this container (exec, cp, start, …), in order.
    public var commands: [DockerClientCommand] = []
}

/// Names and images of containers from Docker's own files under a root
/// (`/var/lib/docker/containers/<id>/config.v2.json`), live or offline.
enum DockerContainerFiles {
    struct Config: Decodable {
        struct Inner: Decodable { var Image: String? }
        var Name: String?
        var Config: Inner?
    }

    /// Name (without the leading slash) and image, or nil when the file is missing or not JSON.
    package static func describe(_ id: String, dataRoot: String = "/var/lib/docker", files: any HostFiles) -> (name: String?, image: String?)? {
        guard let bytes = files.read("\(dataRoot)/containers/\(id)/config.v2.json"),
              let config = try? JSONDecoder().decode(Config.self, from: Data(bytes)) else { return nil }
        return (config.Name.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }, config.Config?.Image)
    }
}

/// Builds the containers of a log: their shims, names and images, the client commands
/// that started them, and what their processes did.
public struct ContainerCatalog: Sendable {
    public private(set) var containers: [ContainerInfo] = []
    /// Where each container is in `containers`: events look theirs up by id in constant time.
    private var indexByID: [String: Int] = [:]
    package let attributor: ContainerAttributor
    public private(set) var clientCommands: [DockerClientCommand] = []

    /// - Parameters:
    ///   - engine: the engine's containers, asked live; they name the containers that still exist.
    ///   - files: the host's files, for config.v2.json of containers the engine did not name.
    public init(history: ProcessHistory, engine: [EngineContainerEntry] = [], files: (any HostFiles)? = nil,
                dataRoot: String = "/var/lib/docker") {
        attributor = ContainerAttributor(history: history)
        var found: [ContainerInfo] = []
        var known: Set<String> = []
        let engineByID = Dictionary(engine.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for shim in attributor.shims where known.insert(shim.containerID).inserted {
            var info = ContainerInfo(id: shim.containerID, started: shim.started)
            if let entry = engineByID[shim.containerID] {
                info.name = entry.name
                info.image = entry.image
                info.nameSource = "docker API"
            } else if let files, let described = DockerContainerFiles.describe(shim.containerID, dataRoot: dataRoot, files: files) {
                info.name = described.name
                info.image = described.image
                info.nameSource = "config.v2.json"
            }
            found.append(info)
        }
        clientCommands = history.sightings.values.lazy.flatMap { $0 }.compactMap(DockerClientCommand.init).sorted { $0.time < $1.time }
        Self.link(clientCommands.filter { $0.verb == "run" || $0.verb == "create" }, to: &found)
        containers = found
        indexByID = Self.index(containers)
        // A command names the latest container of that name started by then.
        let byName = Dictionary(grouping: containers.indices.filter { containers[$0].name != nil }, by: { containers[$0].name! })
        for command in clientCommands {
            guard let target = command.target else { continue }
            let byID = target.count >= 4 && target.allSatisfy(\.isHexDigit)
                ? containers.indices.filter { containers[$0].id.hasPrefix(target) } : []
            let named = ((byName[target] ?? []) + byID).sorted()
            guard let index = named.last(where: { containers[$0].started <= command.time + 1 }) ?? named.first else { continue }
            containers[index].commands.append(command)
        }
    }

    /// Links run/create commands to their containers: by name first, then by time. A name
    /// used again (`docker rm -f web; docker run --name web`) names the container of the
    /// last command that gave it before the container started. Each command looks only at
    /// the containers of its name and those started near it, not at every container.
    private static func link(_ launches: [DockerClientCommand], to containers: inout [ContainerInfo]) {
        var reusedAt = [Double](repeating: .infinity, count: launches.count)
        var nextLaunch: [String: Double] = [:]
        for index in launches.indices.reversed() {
            guard let name = launches[index].target else { continue }
            reusedAt[index] = nextLaunch[name] ?? .infinity
            nextLaunch[name] = launches[index].time
        }
        var byName: [String: [Int]] = [:]
        for (index, info) in containers.enumerated() { if let name = info.name { byName[name, default: []].append(index) } }
        let byStart = containers.indices.sorted { (containers[$0].started, $0) < (containers[$1].started, $1) }
        var linked = [Bool](repeating: false, count: containers.count)
        for (index, command) in launches.enumerated() {
            let earliest = command.time - 1
            var match = command.target.flatMap { name in
                byName[name]?.first { !linked[$0] && containers[$0].started >= earliest && containers[$0].started < reusedAt[index] }
            }
            var byTiming = false
            if match == nil {
                let low = byStart.partitioningIndex { containers[$0].started >= earliest }
                match = byStart[low...].prefix { containers[$0].started <= command.time + 15 }
                    .filter { !linked[$0] && (containers[$0].name == nil || containers[$0].name == command.target) }.min()
                byTiming = true
            }
            guard let found = match else { continue }
            linked[found] = true
            if containers[found].name == nil, let name = command.target {
                containers[found].name = name
                containers[found].nameSource = "docker argv"
            }
            if containers[found].image == nil { containers[found].image = command.image }
            containers[found].actor = ContainerActor(pid: command.pid, time: command.time, auid: command.auid, uid: command.uid,
                                                     ses: command.ses, command: command.argv.joined(separator: " "), byTiming: byTiming)
        }
    }

    private static func index(_ containers: [ContainerInfo]) -> [String: Int] {
        Dictionary(containers.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The container with id `id`.
    package func container(_ id: String) -> ContainerInfo? { indexByID[id].map { containers[$0] } }

    /// Counts what each container's processes did, from the log's events.
    public mutating func count(_ event: AuditEvent) {
        guard let sighting = ProcessHistory.sighting(in: event, arguments: false), let id = attributor.container(of: sighting),
              let index = indexByID[id] else { return }
        containers[index].events += 1
        containers[index].firstEvent = min(containers[index].firstEvent ?? sighting.time, sighting.time)
        containers[index].lastEvent = max(containers[index].lastEvent ?? sighting.time, sighting.time)
        if sighting.argv != nil { containers[index].execs += 1 }
        guard let syscall = event.first(.syscall) else { return }
        if syscall.value(of: "success") == "no" { containers[index].failedSyscalls += 1 }
        let arch = syscall.value(of: "arch").flatMap { UInt32($0, radix: 16) }
        let name = syscall.value(of: "syscall").flatMap(Int.init).flatMap { SyscallTable.name(of: $0, arch: arch) }
        if name == "connect" { containers[index].connects += 1 }
        if event.records.contains(where: { $0.type == .path && ["CREATE", "DELETE"].contains($0.value(of: "nametype") ?? "") }) {
            containers[index].filesWritten += 1
        }
    }

    /// Who is behind a container process: for a `docker exec` session the login user who
    /// ran that exec (the client's target and time lead to the session's runc exec),
    /// otherwise whoever started the container.
    public func actor(for sighting: ProcessSighting) -> ContainerActor? {
        guard let id = attributor.container(of: sighting), let info = container(id) else { return nil }
        guard let started = execSessionStart(of: sighting, container: id) else { return info.actor }
        // The container's own commands hold every exec that named it.
        let exec = info.commands.last { command in
            command.verb == "exec" && command.time <= started && command.time >= started - 10
        }
        guard let exec else { return info.actor }
        return ContainerActor(pid: exec.pid, time: exec.time, auid: exec.auid, uid: exec.uid, ses: exec.ses,
                              command: exec.argv.joined(separator: " "), byTiming: false)
    }

    /// When the `runc exec` of `sighting`'s exec session ran, or nil outside a session: the
    /// runc exec among the process's parents, or, when runc exited before the session's
    /// process ran its program and the shim adopted it (a race the log shows either way),
    /// the container's last runc exec in the 5 s before that process was born.
    private func execSessionStart(of sighting: ProcessSighting, container id: String) -> Double? {
        let history = attributor.history
        func isRuncExec(_ pid: Int, by time: Double) -> Bool {
            guard let argv = history.lastExec(of: pid, until: time)?.argv else { return false }
            return argv.first?.split(separator: "/").last == "runc" && argv.contains("exec")
        }
        let lineage = history.lineage(of: sighting.pid, at: sighting.time)
        if let runcExec = lineage.first(where: { isRuncExec($0.pid, by: sighting.time) }) {
            return history.lastExec(of: runcExec.pid, until: sighting.time)?.time
        }
        let shims = attributor.shimsByContainer[id] ?? []
        guard let top = lineage.first(where: { parent in shims.contains { $0.pid == parent.ppid && !isRuncExec($0.pid, by: $0.started) } })
        else { return nil }
        return shims.last { $0.started <= top.time && $0.started >= top.time - 5 && isRuncExec($0.pid, by: $0.started) }?.started
    }

    /// Confirms containers from the live /proc: a process the log puts in a container whose
    /// `/proc/<pid>/cgroup` names the same id. (A pid whose cgroup names no container, or
    /// another, is a pid used again, and says nothing.)
    mutating func confirm(withProc files: any HostFiles) {
        for (pid, list) in attributor.history.sightings {
            guard let last = list.last, let id = attributor.container(of: last),
                  let index = indexByID[id], !containers[index].confirmedByProc,
                  let cgroup = files.read("/proc/\(pid)/cgroup") else { continue }
            if Self.containerID(inCgroup: String(decoding: cgroup, as: UTF8.self)) == id { containers[index].confirmedByProc = true }
        }
    }

    /// The 64-hex container id in a /proc cgroup file (`/docker/<id>`, `docker-<id>.scope`, `libpod-<id>`).
    package static func containerID(inCgroup text: String) -> String? {
        for line in text.split(separator: "\n") {
            for part in line.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == ":" }) where part.count == 64 {
                if part.allSatisfy(\.isHexDigit) { return String(part) }
            }
        }
        return nil
    }

    /// The container a name or id prefix stands for (`web`, `3ef6b7`).
    /// A container as people name it: `web (busybox)`, or its short id when the log gives no name.
    package func label(for id: String) -> String {
        guard let info = container(id) else { return String(id.prefix(12)) }
        return (info.name ?? String(id.prefix(12))) + (info.image.map { " (\($0))" } ?? "")
    }

    public func find(_ reference: String) -> ContainerInfo? {
        containers.first { $0.name == reference } ?? containers.first { $0.id.hasPrefix(reference) && reference.count >= 4 }
    }
}
