/// What a `docker run` or `docker create` asks for that weakens the container's isolation
/// from the host (CIS Docker Benchmark §5): read from the client's command line as the
/// EXECVE record holds it, so a log tells it even when the container is long gone.
package enum LaunchRisk: Sendable, Equatable, CustomStringConvertible {
    /// The Engine's socket (or the directory that holds it) mounted: root on the host.
    case dockerSocket(String)
    /// `--privileged`.
    case privileged
    /// `--pid host` and the like: a host namespace shared (pid, ipc, uts, network, userns).
    case hostNamespace(String)
    /// A bind mount of a host directory that holds the system (/, /etc, /root, /usr, …).
    case hostMount(String)
    /// `--cap-add`.
    case addedCapability(String)
    /// `--security-opt seccomp=unconfined` or `apparmor=unconfined`, a confinement turned off.
    case unconfined(String)

    public var description: String {
        switch self {
        case .dockerSocket(let path): return "the Docker socket mounted (\(path))"
        case .privileged: return "--privileged"
        case .hostNamespace(let name): return "the host's \(name) namespace (--\(name) host)"
        case .hostMount(let path): return "the host's \(path) mounted"
        case .addedCapability(let name): return "capability \(name) added"
        case .unconfined(let what): return "\(what) turned off"
        }
    }

    /// Host directories whose bind mount gives a container the system (CIS 5.5, and /root).
    static let systemDirectories: Set<String> = ["/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/root"]

    /// The risks of a docker client command line (`docker run …`, `docker container create …`);
    /// empty for any other command, and for a run that asks for none.
    package static func risks(ofDockerCommand argv: [String]) -> [LaunchRisk] {
        guard argv.count >= 3, argv[0].split(separator: "/").last == "docker" else { return [] }
        var words = argv.dropFirst()
        if words.first == "container" { words = words.dropFirst() }
        guard let verb = words.first, verb == "run" || verb == "create" else { return [] }
        var risks: [LaunchRisk] = []
        var options = words.dropFirst().makeIterator()
        while let word = options.next(), word.hasPrefix("-") {
            let (option, inline) = split(word)
            guard DockerClientCommand.valued.contains(option) else {
                if option == "--privileged", inline != "false" { risks.append(.privileged) }
                continue
            }
            guard let value = inline ?? options.next() else { break }
            risks += Self.risks(option: option, value: value)
        }
        return risks
    }

    private static func split(_ word: String) -> (String, String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private static func risks(option: String, value: String) -> [LaunchRisk] {
        switch option {
        case "-v", "--volume":
            return mountRisks(source: String(value.prefix { $0 != ":" }), isBind: value.contains(":"))
        case "--mount":
            let settings = value.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
            let source = settings.first { ["source", "src"].contains($0.first) && $0.count == 2 }?[1]
            let isBind = settings.contains { $0 == ["type", "bind"] }
            return source.map { mountRisks(source: $0, isBind: isBind) } ?? []
        case "--pid", "--ipc", "--uts", "--userns":
            return value == "host" ? [.hostNamespace(String(option.dropFirst(2)))] : []
        case "--network", "--net":
            return value == "host" ? [.hostNamespace("network")] : []
        case "--cap-add":
            return value.split(separator: ",").map { .addedCapability($0.uppercased()) }
        case "--security-opt":
            let setting = String(value.map { $0 == ":" ? "=" : $0 })
            return setting == "seccomp=unconfined" || setting == "apparmor=unconfined"
                ? [.unconfined(String(setting.prefix { $0 != "=" }))] : []
        default:
            return []
        }
    }

    private static func mountRisks(source: String, isBind: Bool) -> [LaunchRisk] {
        guard isBind, source.hasPrefix("/") else { return [] }
        var path = source
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/docker.sock") || ["/run", "/var/run", "/run/docker", "/var/run/docker"].contains(path) {
            return [.dockerSocket(path)]
        }
        return systemDirectories.contains(path) ? [.hostMount(path)] : []
    }
}
