import AuditRules
import Foundation
import HostCheck
import HostIO

/// daemon.json, docker.service (vendor and override drop-in), docker.socket and containerd's
/// config.toml from any bytes: discovery, the generated rule set and `check` never crash,
/// the rule set that `rules generate` and `fix` would write always parses without error,
/// and the report is well formed.
public enum FuzzDockerHost {
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let parts = Fuzz.parts(UnsafeRawBufferPointer(start: data, count: size), count: 5)
        var host = MemoryHostFiles()
        host.file("/usr/sbin/dockerd", "", mode: 0o755)
        host.file("/etc/docker/daemon.json", String(decoding: parts[0], as: UTF8.self))
        host.file("/lib/systemd/system/docker.service", String(decoding: parts[1], as: UTF8.self))
        host.file("/etc/systemd/system/docker.service.d/override.conf", String(decoding: parts[2], as: UTF8.self))
        host.file("/lib/systemd/system/docker.socket", String(decoding: parts[3], as: UTF8.self))
        host.file("/etc/containerd/config.toml", String(decoding: parts[4], as: UTF8.self))
        let docker = DockerHost(discoveringOn: host)
        let profile = DockerRuleProfile(host: docker).text()
        let parsed = RuleFile(path: "50-dockaudit-docker.rules", bytes: Array(profile.utf8))
        let errors = RuleLinter().lint([parsed]).findings.filter { $0.severity == .error }
        Fuzz.require(errors.isEmpty, "the generated rule set does not load: \(errors.map(\.message)) in\n\(profile)")
        Fuzz.checkReport(of: host, cmdline: "audit=1")
    }
}
