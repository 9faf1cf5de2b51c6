#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostIO

/// Where Docker's files are on one host: found on PATH, in the systemd units' ExecStart,
/// in daemon.json (`data-root`) and containerd's config.toml (`[grpc] address`), never assumed.
public struct DockerHost: Sendable, Equatable {
    /// Program name → every path where it was found (PATH, then ExecStart).
    package var binaries: [String: [String]] = [:]
    /// Unit name → the files systemd reads for it, and those it shadows.
    public var units: [String: UnitFiles] = [:]
    /// The sockets docker.socket listens on (ListenStream).
    package var socketPaths: [String] = []
    public var dataRoot = "/var/lib/docker"
    /// Set when daemon.json exists but cannot be read as JSON: the data root is then unknown.
    package var daemonConfigProblem: String?
    /// The system containerd's socket (config.toml's `[grpc] address`).
    package var containerdSocket = "/run/containerd/containerd.sock"
    /// Where dockerd puts the containerd it starts itself when no system one is given.
    static let dockerdContainerdSocket = "/run/docker/containerd/containerd.sock"
    /// Which of the files the benchmark names exist.
    public var existing: Set<String> = []
    /// Which of those are directories (a watch on one covers everything below it).
    public var directories: Set<String> = []

    static let searchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
    package static let programs = ["dockerd", "docker", "containerd", "containerd-shim", "containerd-shim-runc-v1",
                                  "containerd-shim-runc-v2", "runc"]
    static let auditPrograms = ["auditctl", "auditd", "augenrules", "ausearch", "aureport", "autrace"]
    /// Files the benchmark names by path; kept when present.
    static let knownFiles = ["/run/containerd", "/etc/docker", "/etc/default/docker", "/etc/docker/daemon.json",
                             "/etc/containerd/config.toml", "/etc/sysconfig/docker", "/etc/audit", "/etc/libaudit.conf"]

    public init() {}

    /// Looks at the host's files.
    public init(discoveringOn files: any HostFiles) {
        // Resolved paths: on a merged-/usr host /sbin/runc and /usr/sbin/runc are one file.
        func add(_ program: String, _ path: String) {
            guard let real = files.canonical(path), !(binaries[program] ?? []).contains(real) else { return }
            binaries[program, default: []].append(real)
        }
        for program in Self.programs + Self.auditPrograms {
            for directory in Self.searchPath { add(program, directory + "/" + program) }
        }
        for unit in ["docker.service", "docker.socket", "containerd.service"] {
            units[unit] = UnitFiles(unit: unit, files: files)
        }
        for (unit, program) in [("docker.service", "dockerd"), ("containerd.service", "containerd")] {
            guard let text = units[unit]?.text(files: files) else { continue }
            for command in Self.values(of: "ExecStart", in: text) {
                guard let executable = Self.executable(command), executable.hasSuffix("/" + program) else { continue }
                add(program, executable)
            }
        }
        if let text = units["docker.socket"]?.text(files: files) {
            for listen in Self.values(of: "ListenStream", in: text) where listen.hasPrefix("/") && !socketPaths.contains(listen) {
                socketPaths.append(listen)
            }
        }
        if let bytes = files.read("/etc/docker/daemon.json") {
            if let config = try? JSONDecoder().decode(DaemonConfig.self, from: Data(bytes)) {
                if let root = config.dataRoot ?? config.graph, root.hasPrefix("/") { dataRoot = root }
            } else {
                daemonConfigProblem = "/etc/docker/daemon.json is not a JSON object: dockerd will not start with it, and its data root is unknown"
            }
        }
        if let bytes = files.read("/etc/containerd/config.toml"),
           let address = Self.grpcAddress(String(decoding: bytes, as: UTF8.self)) {
            containerdSocket = address
        }
        socketPaths = socketPaths.map { files.canonical($0) ?? $0 }
        existing = Set((Self.knownFiles + [dataRoot, containerdSocket, Self.dockerdContainerdSocket] + socketPaths)
            .filter(files.exists))
        directories = existing.filter(files.isDirectory)
    }

    /// The values of `Key=` lines in a systemd unit (the last assignment wins, an empty one resets).
    static func values(of key: String, in unit: String) -> [String] {
        var values: [String] = []
        for line in unit.split(whereSeparator: \.isNewline) {
            let text = line.trimmedBlanks()
            guard text.hasPrefix(key), let equals = text.firstIndex(of: "="),
                  text[..<equals].trimmedBlanks() == key else { continue }
            let value = text[text.index(after: equals)...].trimmedBlanks()
            if value.isEmpty { values.removeAll() } else { values.append(value) }
        }
        return values
    }

    /// The program of an ExecStart command line, without systemd's `-@+!:` prefixes.
    static func executable(_ command: String) -> String? {
        let first = command.split(separator: " ").first.map(String.init) ?? ""
        let path = String(first.drop { "-@+!:".contains($0) })
        return path.hasPrefix("/") ? path : nil
    }

    /// `address` in the `[grpc]` table of containerd's config.toml.
    static func grpcAddress(_ toml: String) -> String? {
        var inGRPC = false
        for line in toml.split(whereSeparator: \.isNewline) {
            let text = line.trimmedBlanks()
            if text.hasPrefix("[") { inGRPC = text == "[grpc]"; continue }
            guard inGRPC, text.hasPrefix("address"), let equals = text.firstIndex(of: "=") else { continue }
            let value = text[text.index(after: equals)...].trimmedBlanks()
            let unquoted = String(value.drop { $0 == "\"" || $0 == "'" }.reversed().drop { $0 == "\"" || $0 == "'" }.reversed())
            return unquoted.hasPrefix("/") ? unquoted : nil
        }
        return nil
    }
}

/// The keys of daemon.json that say where Docker keeps its data.
private struct DaemonConfig: Decodable {
    var dataRoot: String?
    var graph: String?

    enum CodingKeys: String, CodingKey {
        case dataRoot = "data-root"
        case graph
    }
}
