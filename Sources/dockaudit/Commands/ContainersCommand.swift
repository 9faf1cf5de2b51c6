import ArgumentParser
import AuditLog
import AuditRules
import ContainerTrace

/// Reads a log twice: once for the process history, once to count what containers did.
enum ContainerLog {
    static func history(_ files: [String]) throws -> ProcessHistory {
        var history = ProcessHistory()
        var stream = EventStream()
        try stream.scan(files: files) { history.add($0) }
        return history
    }

    static func files(_ input: InputOptions) throws -> [String] {
        do {
            let files = try LogSources.resolve(input.inputs)
            guard !files.contains("-") else { throw ValidationError("containers and tree read the log twice: give files, not standard input") }
            return files
        } catch let error as InputError {
            StandardError.write("dockaudit: \(error)")
            throw ExitCode(2)
        }
    }

    static func userName(_ uid: UInt32) -> String? { LocalNameResolver().userName(uid) }
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
        let files = try ContainerLog.files(input)
        let history = try ContainerLog.history(files)
        let host = LocalHostFiles(root: root ?? "/")
        var catalog = ContainerCatalog(history: history, files: host, dataRoot: DockerHost(discoveringOn: host).dataRoot)
        var stream = EventStream()
        try stream.scan(files: files) { catalog.count($0) }
        print(format == .json ? catalog.json() : catalog.text(userName: ContainerLog.userName), terminator: "")
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
        let history = try ContainerLog.history(try ContainerLog.files(input))
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
        let catalog = ContainerCatalog(history: history)
        if let sighting = history.sighting(of: target.pid, at: target.time), let id = attributor.container(of: sighting),
           let actor = catalog.actor(for: sighting) {
            print(history.treeText(pid: actor.pid, at: actor.time, attributor: attributor, userName: ContainerLog.userName), terminator: "")
            let verb = actor.command.split(separator: " ").dropFirst().first { $0 != "container" } == "exec" ? "run the exec in" : "start"
            print("  ⋮ dockerd and containerd \(verb) container \(id.prefix(12))" + (actor.byTiming ? " (linked by time only)" : ""))
        }
        print(history.treeText(pid: target.pid, at: target.time, attributor: attributor, userName: ContainerLog.userName), terminator: "")
    }
}
