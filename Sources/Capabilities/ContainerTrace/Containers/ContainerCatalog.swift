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
    /// Where the name and the image came from: `docker API`, `config.v2.json`, `docker argv`.
    package var nameSource: String?
    package var imageSource: String?
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

    /// Counts an event of one of the container's processes.
    mutating func count(_ event: TrackedEvent, _ sighting: ProcessSighting) {
        events += 1
        firstEvent = min(firstEvent ?? sighting.time, sighting.time)
        lastEvent = max(lastEvent ?? sighting.time, sighting.time)
        if sighting.argv != nil { execs += 1 }
        if event.failed { failedSyscalls += 1 }
        if event.connects { connects += 1 }
        if event.writesFile { filesWritten += 1 }
    }
}

/// What the container commands take from one event, taken apart on the scan's workers so
/// that the tracker, which must see events in order, only places them.
public struct TrackedEvent: Sendable {
    public var sighting: ProcessSighting?
    public var login: LoginHop?
    /// The SYSCALL record's syscall, by name for its arch, and its outcome.
    package var syscallName: String?
    package var success: Bool?
    var writesFile = false
    var failed: Bool { success == false }
    var connects: Bool { syscallName == "connect" }

    public init(_ event: AuditEvent) {
        if let login = LoginHop(event) {
            self.login = login
            return
        }
        guard let syscall = event.first(.syscall) else { return }
        let facts = EventFacts(record: syscall, wanted: [.ids, .syscall, .names])
        guard let sighting = ProcessSighting(event, facts: facts) else { return }
        self.sighting = sighting
        syscallName = facts.syscallName
        success = facts.success
        writesFile = event.records.contains { $0.type == .path && ["CREATE", "DELETE"].contains($0.value(of: "nametype") ?? "") }
    }
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

/// The containers of a log, built as the log is read: each container as its launch appears,
/// named by what the host knows (the engine's answer, config.v2.json) or else by the
/// `docker run`/`create` that started it, and counted as its processes' events arrive.
/// The client commands are kept (one line each); `finish` hands each the container it named.
public struct ContainerCatalog: Sendable {
    public private(set) var containers: [ContainerInfo] = []
    /// Where each container is in `containers`: events look theirs up by id in constant time.
    private var indexByID: [String: Int] = [:]
    public private(set) var clientCommands: [DockerClientCommand] = []
    /// run and create commands no container has claimed yet, oldest first.
    private var unclaimed: [Int] = []
    private var byName: [String: [Int]] = [:]
    /// The engine's containers by id, asked at the first launch (a log without containers asks nothing).
    private var engine: [String: EngineContainerEntry]?
    private let askEngine: @Sendable () -> [EngineContainerEntry]
    /// Live streams (`follow`, the plugin) ask the engine again for a launch it did not know,
    /// at most once a second of the log: the container is new since the last answer. An
    /// engine that answered nothing (it is down) is not asked again.
    public var asksEngineForNewLaunches = false
    private var lastEngineAnswer: Double?
    private let files: (any HostFiles)?
    private let dataRoot: String

    /// - Parameters:
    ///   - engine: the engine's containers, asked live; they name the containers that still exist.
    ///   - files: the host's files, for config.v2.json of containers the engine did not name.
    public init(engine: @escaping @Sendable () -> [EngineContainerEntry] = { [] }, files: (any HostFiles)? = nil,
                dataRoot: String = "/var/lib/docker") {
        askEngine = engine
        self.files = files
        self.dataRoot = dataRoot
    }

    /// The catalog of events already read, in log order.
    public init(events: [AuditEvent], engine: [EngineContainerEntry] = [], files: (any HostFiles)? = nil,
                dataRoot: String = "/var/lib/docker") {
        self.init(engine: { engine }, files: files, dataRoot: dataRoot)
        var tracker = ProcessTracker()
        for event in events { add(TrackedEvent(event), tracker: &tracker) }
        finish()
    }

    /// Places one event with `tracker` and takes in what it shows: a client command, a
    /// launch, what a container's process did. Returns the placement (nil without a process).
    @discardableResult
    public mutating func add(_ event: TrackedEvent, tracker: inout ProcessTracker) -> Placement? {
        if let login = event.login { tracker.add(login) }
        guard let sighting = event.sighting else { return nil }
        let launchesBefore = tracker.launches.count
        let placement = tracker.place(sighting)
        if let command = DockerClientCommand(sighting) { ran(command) }
        for launch in tracker.launches[launchesBefore...] { launched(launch) }
        if let id = placement.container, let index = indexByID[id] { containers[index].count(event, sighting) }
        return placement
    }

    private mutating func ran(_ command: DockerClientCommand) {
        clientCommands.append(command)
        if command.verb == "run" || command.verb == "create" { unclaimed.append(clientCommands.count - 1) }
    }

    /// A container's launch: named by the host if it can, then claiming the command that asked
    /// for it — by name the last one that gave its name before it started (`docker rm -f web;
    /// docker run --name web` names the new one), else by time the oldest unclaimed one in
    /// the 15 s before.
    private mutating func launched(_ launch: ContainerLaunch) {
        var info = ContainerInfo(id: launch.id, started: launch.started)
        let stale = asksEngineForNewLaunches && engine.map { !$0.isEmpty && $0[launch.id] == nil } == true
            && launch.started >= (lastEngineAnswer ?? 0) + 1
        if engine == nil || stale {
            engine = Dictionary(askEngine().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            lastEngineAnswer = launch.started
        }
        if let entry = engine?[launch.id] {
            info.name = entry.name
            info.image = entry.image
            info.nameSource = "docker API"
            info.imageSource = entry.image == nil ? nil : "docker API"
        } else if let files, let described = DockerContainerFiles.describe(launch.id, dataRoot: dataRoot, files: files) {
            info.name = described.name
            info.image = described.image
            info.nameSource = described.name == nil ? nil : "config.v2.json"
            info.imageSource = described.image == nil ? nil : "config.v2.json"
        }
        indexByID[info.id] = containers.count
        containers.append(info)
        claimCommand(for: containers.count - 1)
        // Commands older than any launch could claim them are let go.
        unclaimed.removeAll { clientCommands[$0].time < launch.started - 15 && clientCommands[$0].target == nil }
    }

    /// The container at `index` claims the command that started it, if one is unclaimed.
    private mutating func claimCommand(for index: Int) {
        let started = containers[index].started
        let window = { (command: DockerClientCommand) in command.time <= started + 1 }
        var claim: Int?
        var byTiming = false
        if let name = containers[index].name {
            claim = unclaimed.lastIndex { clientCommands[$0].target == name && window(clientCommands[$0]) }
        } else {
            claim = unclaimed.firstIndex { window(clientCommands[$0]) && clientCommands[$0].time >= started - 15 }
            byTiming = true
        }
        if let claim {
            let command = clientCommands[unclaimed.remove(at: claim)]
            if containers[index].name == nil, let name = command.target {
                containers[index].name = name
                containers[index].nameSource = "docker argv"
            }
            if containers[index].image == nil, let image = command.image {
                containers[index].image = image
                containers[index].imageSource = "docker argv"
            }
            containers[index].actor = ContainerActor(pid: command.pid, time: command.time, auid: command.auid, uid: command.uid,
                                                     ses: command.ses, command: command.argv.joined(separator: " "), byTiming: byTiming)
        }
        if let name = containers[index].name, byName[name]?.contains(index) != true { byName[name, default: []].append(index) }
    }

    /// Ends the log: a container still without its command claims one logged after its
    /// launch (within the second the window allows), and each client command joins the
    /// container it named, the latest of that name (or id prefix) started by then.
    public mutating func finish() {
        for index in containers.indices where containers[index].actor == nil { claimCommand(for: index) }
        for index in containers.indices { containers[index].commands = [] }
        for command in clientCommands {
            guard let index = container(named: command) else { continue }
            containers[index].commands.append(command)
        }
    }

    /// The container a client command acts on: the latest of its target's name or id prefix
    /// started by the command's time (or the first, if all started later).
    private func container(named command: DockerClientCommand) -> Int? {
        guard let target = command.target else { return nil }
        let byID = target.count >= 4 && target.allSatisfy(\.isHexDigit) ? containers.indices.filter { containers[$0].id.hasPrefix(target) } : []
        let named = ((byName[target] ?? []) + byID).sorted()
        return named.last { containers[$0].started <= command.time + 1 } ?? named.first
    }

    /// The container with id `id`.
    package func container(_ id: String) -> ContainerInfo? { indexByID[id].map { containers[$0] } }

    /// Who is behind a container process: for a `docker exec` session the login user who
    /// ran that exec (the last `docker exec` naming the container in the 10 s before the
    /// session's runc exec), otherwise whoever started the container.
    public func actor(for placement: Placement) -> ContainerActor? {
        guard let id = placement.container, let index = indexByID[id] else { return nil }
        let info = containers[index]
        guard let started = placement.execSession else { return info.actor }
        var found: DockerClientCommand?
        for command in clientCommands.reversed() {
            if command.time < started - 10 { break }     // the commands are in log order
            if command.verb == "exec", command.time <= started, container(named: command) == index {
                found = command
                break
            }
        }
        guard let exec = found else { return info.actor }
        return ContainerActor(pid: exec.pid, time: exec.time, auid: exec.auid, uid: exec.uid, ses: exec.ses,
                              command: exec.argv.joined(separator: " "), byTiming: false)
    }

    /// Confirms containers from the live /proc: a process the log puts in a container whose
    /// `/proc/<pid>/cgroup` names the same id. (A pid whose cgroup names no container, or
    /// another, is a pid used again, and says nothing.)
    mutating func confirm(_ processes: [(pid: Int, container: String)], withProc files: any HostFiles) {
        for (pid, id) in processes {
            guard let index = indexByID[id], !containers[index].confirmedByProc,
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
