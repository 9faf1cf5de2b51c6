/// A run of the docker client that acts on a container: who ran it, and what it asked.
public struct DockerClientCommand: Sendable, Equatable {
    public var time: Double
    public var pid: Int
    public var auid: UInt32?
    public var uid: UInt32?
    public var ses: UInt32?
    public var tty: String?
    public var argv: [String]
    /// `run`, `create`, `exec`, `start`, `cp`.
    package var verb: String
    /// The container named in the command (`--name` of run/create, the target of exec/start/cp).
    public var target: String?
    /// The image of run/create.
    public var image: String?

    static let verbs: Set<String> = ["run", "create", "exec", "start", "cp"]
    /// Options of run, create and exec that take a value (the others are flags).
    static let valued: Set<String> = [
        "-e", "--env", "--env-file", "-v", "--volume", "-w", "--workdir", "--name", "-p", "--publish", "--cap-add",
        "--cap-drop", "--network", "--net", "-u", "--user", "--entrypoint", "-l", "--label", "--mount", "--cpus", "-m",
        "--memory", "--restart", "-h", "--hostname", "--log-driver", "--log-opt", "--add-host", "--device", "--ulimit",
        "--security-opt", "--pid", "--ipc", "--tmpfs", "--platform", "--pull", "--dns", "--expose", "--group-add",
        "--stop-signal", "--shm-size", "--runtime", "--cgroupns", "--userns", "--detach-keys", "--health-cmd",
        "--uts", "-a", "--attach", "--cidfile", "--volumes-from", "--link", "--gpus", "--cgroup-parent", "--ip",
        "--sysctl", "--pids-limit", "--memory-swap", "--cpuset-cpus", "-c", "--cpu-shares", "--domainname",
    ]

    /// The command an execve sighting shows, when it is the docker client acting on a container.
    public init?(_ sighting: ProcessSighting) {
        guard let argv = sighting.argv, argv.count >= 2, argv[0].split(separator: "/").last == "docker" else { return nil }
        // `docker container run …` is `docker run …`.
        var words = Array(argv.dropFirst())
        if words.first == "container" { words.removeFirst() }
        guard let verb = words.first, Self.verbs.contains(verb) else { return nil }
        time = sighting.time
        pid = sighting.pid
        auid = sighting.auid
        uid = sighting.uid
        ses = sighting.ses
        tty = sighting.tty
        self.argv = argv
        self.verb = verb
        var positional: [String] = []
        var name: String?
        var index = 1
        while index < words.count {
            let word = words[index]
            index += 1
            if !positional.isEmpty && (verb == "run" || verb == "create" || verb == "exec") { positional.append(word); continue }
            if word.hasPrefix("-") && word.count > 1 {
                if word == "--name", index < words.count { name = words[index] }
                if word.hasPrefix("--name=") { name = String(word.dropFirst(7)) }
                if !word.contains("="), Self.valued.contains(word) { index += 1 }
                continue
            }
            positional.append(word)
        }
        switch verb {
        case "run", "create":
            target = name
            image = positional.first
        case "cp":
            target = positional.first { $0.contains(":") && !$0.hasPrefix("/") }.map { String($0.prefix { $0 != ":" }) }
        default:
            target = positional.first
        }
    }
}
