import ArgumentParser
import AuditLog
import AuditRules
import ContainerTrace
import DockerEngine
import HostIO

/// Reads a log twice: once for the process history, once to count what containers did.
enum ContainerLog {
    static func history(_ files: [String]) throws -> ProcessHistory {
        var history = ProcessHistory()
        var stream = EventStream()
        try stream.scan(files: files) { history.add($0) }
        return history
    }

    static let readsTwice = "this command reads the log twice: give files, not standard input"

    private static let names = LocalNameResolver()
    static func userName(_ uid: UInt32) -> String? { names.userName(uid) }

    /// The containers of the log, named by the live engine when its socket answers, else by
    /// config.v2.json under `root`, else by the client's argv.
    static func catalog(_ history: ProcessHistory, root: String?) -> ContainerCatalog {
        let host = LocalHostFiles(root: root ?? "/")
        var engine: [ContainerCatalog.EngineEntry] = []
        if root == nil, let socket = ["/var/run/docker.sock", "/run/docker.sock"].first(where: { host.status($0)?.kind == .socket }),
           !history.sightings.isEmpty, !LaunchChains.shims(in: history).isEmpty {
            switch DockerEngineClient(socket: socket).containersNow() {
            case .success(let containers):
                engine = containers.map { .init(id: $0.id, name: $0.name, image: $0.image) }
            case .failure(let error):
                StandardError.write("dockaudit: the Docker engine at \(socket) did not answer (\(error)): names come from config.v2.json and the client's arguments")
            }
        }
        return ContainerCatalog(history: history, engine: engine, files: host, dataRoot: DockerHost(discoveringOn: host).dataRoot)
    }
}

/// `dockaudit containers`: every container seen in the log, who started it, what it did.
struct ContainersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "containers",
        abstract: "List the containers seen in the audit log: name, id, image, who started them, what they did.")

    @OptionGroup var input: InputOptions
    @Option(help: "Read Docker's container files (config.v2.json) under this root instead of /.") var root: String?
    @Option(help: "text or json.") var format: OutputChoice = .text

    func run() throws {
        try Self.report(files: try input.files(refusingStandardInput: ContainerLog.readsTwice), root: root, format: format, meter: nil)
    }

    /// The containers of the log with what they did; also `dockaudit report containers`.
    static func report(files: [String], root: String?, format: OutputChoice, meter: ProgressMeter?) throws {
        let catalog = try counted(files: files, root: root, meter: meter)
        meter?.finish()
        print(format == .json ? catalog.json() : catalog.text(userName: ContainerLog.userName), terminator: "")
    }

    /// Reads the log twice: the process history, then each container's events.
    static func counted(files: [String], root: String?, meter: ProgressMeter?) throws -> ContainerCatalog {
        let history = try ContainerLog.history(files)
        var catalog = ContainerLog.catalog(history, root: root)
        if root == nil { catalog.confirm(withProc: LocalHostFiles()) }
        var stream = EventStream()
        stream.onProgress = meter.map { meter in { meter.update($0) } }
        try stream.scan(files: files) { catalog.count($0) }
        return catalog
    }
}

/// `dockaudit tree`: a process's ancestry at a moment.
struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Show a process's ancestry from the audit log: each hop with its program, uid and auid, and its container.")

    @OptionGroup var input: InputOptions
    @Option(help: "The process id.") var pid: Int?
    @Option(help: "The moment, in seconds since the epoch (default: the process's last sighting).") var at: Double?
    @Option(help: "The serial of an event: the ancestry of its process at its time.") var event: UInt64?

    func validate() throws {
        guard (pid == nil) != (event == nil) else { throw ValidationError("give --pid or --event") }
    }

    func run() throws {
        let history = try ContainerLog.history(try input.files(refusingStandardInput: ContainerLog.readsTwice))
        let attributor = ContainerAttributor(history: history)
        var target: (pid: Int, time: Double)?
        if let event {
            target = history.sightings.values.lazy.flatMap { $0 }.first { $0.serial == event }.map { ($0.pid, $0.time) }
        } else if let pid {
            target = (pid, at ?? history.sightings[pid]?.last?.time ?? 0)
        }
        guard let target, history.sightings[target.pid] != nil else {
            StandardError.write("dockaudit: no such process or event in the log")
            throw ExitCode(1)
        }
        // A container's process: first the login session that asked for the container.
        let catalog = ContainerLog.catalog(history, root: nil)
        if let sighting = history.sighting(of: target.pid, at: target.time), let id = attributor.container(of: sighting),
           let actor = catalog.actor(for: sighting) {
            print(history.treeText(pid: actor.pid, at: actor.time, attributor: attributor, userName: ContainerLog.userName), terminator: "")
            let verb = actor.command.split(separator: " ").dropFirst().first { $0 != "container" } == "exec" ? "run the exec in" : "start"
            print("  ⋮ dockerd and containerd \(verb) container \(id.prefix(12))" + (actor.byTiming ? " (linked by time only)" : ""))
        }
        print(history.treeText(pid: target.pid, at: target.time, attributor: attributor, userName: ContainerLog.userName), terminator: "")
    }
}
