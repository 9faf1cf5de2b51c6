/// One audit item of CIS Docker Benchmark 1.6.0 section 1.1, with this host's targets;
/// and the Docker socket, which the benchmark does not name but an auditor wants watched.
package struct CISDockerItem: Sendable, Hashable {
    /// `1.1.3` … `1.1.18`, or `docker-sock` for the socket.
    public var id: String
    public var title: String
    /// The paths to watch on this host; empty when the item does not apply here.
    package var targets: [String]
    /// What a watch must cover: changes for data and configuration, changes and
    /// execution for programs.
    public var permissions: WatchPermissions
    /// Files worth watching that do not decide the item: vendor unit files that an
    /// override in /etc shadows (systemd does not read them, but a changed one returns
    /// when the override goes).
    package var shadowed: [String] = []
    /// Set when the item's file ends in a link loop: its coverage cannot be decided.
    package var linkLoop: String?

    /// Whether the item is one of the benchmark's (the socket item is not).
    package var isBenchmarkItem: Bool { id.hasPrefix("1.") }

    /// The benchmark's items resolved against a host.
    public static func items(on host: DockerHost) -> [CISDockerItem] {
        let change: WatchPermissions = [.write, .attribute]
        let program: WatchPermissions = [.write, .execute, .attribute]
        func present(_ paths: [String]) -> [String] { paths.filter(host.existing.contains) }
        func binaries(_ name: String) -> [String] { host.binaries[name] ?? [] }
        func unit(_ id: String, _ name: String) -> CISDockerItem {
            let files = host.units[name] ?? UnitFiles()
            return CISDockerItem(id: id, title: name, targets: files.effective, permissions: change,
                                 shadowed: files.shadowed, linkLoop: files.linkLoop)
        }
        return [
            CISDockerItem(id: "1.1.3", title: "Docker daemon", targets: binaries("dockerd"), permissions: program),
            CISDockerItem(id: "1.1.4", title: "/run/containerd", targets: present(["/run/containerd"]), permissions: change),
            CISDockerItem(id: "1.1.5", title: "Docker data root", targets: present([host.dataRoot]), permissions: change),
            CISDockerItem(id: "1.1.6", title: "/etc/docker", targets: present(["/etc/docker"]), permissions: change),
            unit("1.1.7", "docker.service"),
            CISDockerItem(id: "1.1.8", title: "containerd.sock",
                          targets: present([host.containerdSocket, DockerHost.dockerdContainerdSocket]), permissions: change),
            unit("1.1.9", "docker.socket"),
            CISDockerItem(id: "1.1.10", title: "/etc/default/docker", targets: present(["/etc/default/docker"]),
                          permissions: change),
            CISDockerItem(id: "1.1.11", title: "/etc/docker/daemon.json", targets: present(["/etc/docker/daemon.json"]),
                          permissions: change),
            CISDockerItem(id: "1.1.12", title: "/etc/containerd/config.toml",
                          targets: present(["/etc/containerd/config.toml"]), permissions: change),
            CISDockerItem(id: "1.1.13", title: "/etc/sysconfig/docker", targets: present(["/etc/sysconfig/docker"]),
                          permissions: change),
            CISDockerItem(id: "1.1.14", title: "containerd", targets: binaries("containerd"), permissions: program),
            CISDockerItem(id: "1.1.15", title: "containerd-shim", targets: binaries("containerd-shim"), permissions: program),
            CISDockerItem(id: "1.1.16", title: "containerd-shim-runc-v1", targets: binaries("containerd-shim-runc-v1"),
                          permissions: program),
            CISDockerItem(id: "1.1.17", title: "containerd-shim-runc-v2", targets: binaries("containerd-shim-runc-v2"),
                          permissions: program),
            CISDockerItem(id: "1.1.18", title: "runc", targets: binaries("runc"), permissions: program),
            CISDockerItem(id: "docker-sock", title: "the Docker socket", targets: present(host.socketPaths), permissions: change),
        ]
    }
}
