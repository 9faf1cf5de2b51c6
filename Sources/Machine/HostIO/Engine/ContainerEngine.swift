/// A container as the engine knows it now: what names a container of the log while it exists.
public struct EngineContainerEntry: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var image: String?

    public init(id: String, name: String?, image: String?) {
        self.id = id
        self.name = name
        self.image = image
    }
}

/// The container engine's API, asked while a command runs (the DockerEngine module's
/// client over the Docker socket; tests give a fixed list).
public protocol ContainerEngine: Sendable {
    /// Where the engine answers, for messages.
    var address: String { get }
    /// Every container the engine knows, running or not; or why it could not be asked.
    func listContainers() -> Result<[EngineContainerEntry], any Error>
}

/// Where Docker's API socket is on a host.
public enum DockerSocket {
    /// The paths dockerd listens on by default, in the order the client tries them.
    static let defaultPaths = ["/var/run/docker.sock", "/run/docker.sock"]

    /// The first default path under `files` that is a socket; nil when Docker is not running there.
    public static func find(_ files: any HostFiles) -> String? {
        defaultPaths.first { files.status($0)?.kind == .socket }
    }
}
