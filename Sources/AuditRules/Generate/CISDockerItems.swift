/// One audit item of CIS Docker Benchmark 1.6.0 section 1.1, with this host's targets.
public struct CISDockerItem: Sendable, Hashable {
    /// `1.1.3` … `1.1.18`.
    public var id: String
    public var title: String
    /// The paths to watch on this host; empty when the item does not apply here.
    public var targets: [String]
    /// What a watch must cover: changes for data and configuration, changes and
    /// execution for programs.
    public var permissions: WatchPermissions

    /// The benchmark's items resolved against a host.
    public static func items(on host: DockerHost) -> [CISDockerItem] {
        let change: WatchPermissions = [.write, .attribute]
        let program: WatchPermissions = [.write, .execute, .attribute]
        func present(_ paths: [String]) -> [String] { paths.filter(host.existing.contains) }
        func binaries(_ name: String) -> [String] { host.binaries[name] ?? [] }
        return [
            CISDockerItem(id: "1.1.3", title: "Docker daemon", targets: binaries("dockerd"), permissions: program),
            CISDockerItem(id: "1.1.4", title: "/run/containerd", targets: present(["/run/containerd"]), permissions: change),
            CISDockerItem(id: "1.1.5", title: "Docker data root", targets: present([host.dataRoot]), permissions: change),
            CISDockerItem(id: "1.1.6", title: "/etc/docker", targets: present(["/etc/docker"]), permissions: change),
            CISDockerItem(id: "1.1.7", title: "docker.service", targets: host.units["docker.service"] ?? [],
                          permissions: change),
            CISDockerItem(id: "1.1.8", title: "containerd.sock", targets: present([host.containerdSocket]),
                          permissions: change),
            CISDockerItem(id: "1.1.9", title: "docker.socket and the Docker socket",
                          targets: (host.units["docker.socket"] ?? []) + present(host.socketPaths), permissions: change),
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
        ]
    }
}
