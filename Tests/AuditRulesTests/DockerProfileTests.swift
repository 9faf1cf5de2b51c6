import Foundation
import Testing
import AuditRules
import HostIO

/// Discovery of Docker's files in a fake root, the generated rule set, and loading safety.
struct DockerProfileTests {
    private func makeRoot() throws -> String {
        let root = NSTemporaryDirectory() + "dockaudit-root-\(UUID().uuidString)"
        let files: [String: String] = [
            "/usr/local/bin/docker": "", "/usr/sbin/runc": "", "/usr/bin/containerd": "",
            "/usr/bin/containerd-shim-runc-v2": "", "/opt/moby/bin/dockerd": "",
            "/lib/systemd/system/docker.service": "[Service]\nExecStart=\nExecStart=-/opt/moby/bin/dockerd -H fd://\n",
            "/etc/systemd/system/docker.service.d/override.conf": "[Service]\nLimitNOFILE=1\n",
            "/lib/systemd/system/docker.socket": "[Socket]\nListenStream=/run/docker.sock\n",
            "/run/docker.sock": "", "/etc/docker/daemon.json": #"{"data-root": "/data/docker"}"#,
            "/data/docker/.keep": "", "/etc/containerd/config.toml": "[grpc]\n  address = \"/run/ctd/ctd.sock\"\n",
            "/run/ctd/ctd.sock": "", "/etc/audit/auditd.conf": "", "/sbin/auditctl": "",
        ]
        for (path, text) in files {
            let full = root + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return root
    }

    @Test func discoversTheHostsRealPaths() throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = DockerHost(discoveringOn: LocalHostFiles(root: root))
        #expect(host.binaries["dockerd"] == ["/opt/moby/bin/dockerd"])
        #expect(host.binaries["docker"] == ["/usr/local/bin/docker"])
        #expect(host.binaries["runc"] == ["/usr/sbin/runc"])
        #expect(host.units["docker.service"]?.effective == ["/lib/systemd/system/docker.service",
                                                            "/etc/systemd/system/docker.service.d/override.conf"])
        #expect(host.socketPaths == ["/run/docker.sock"])
        #expect(host.dataRoot == "/data/docker")
        #expect(host.containerdSocket == "/run/ctd/ctd.sock")
    }

    @Test func profileCoversEveryApplicableItemAndLintsClean() throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = LocalHostFiles(root: root)
        let host = DockerHost(discoveringOn: files)
        let text = DockerRuleProfile(host: host).text()
        for line in ["-w /opt/moby/bin/dockerd -p wxa -k docker", "-w /data/docker -p wa -k docker",
                     "-w /run/ctd/ctd.sock -p wa -k docker", "## /etc/docker/daemon.json: covered by the watch on /etc/docker",
                     "-w /usr/sbin/runc -p wxa -k docker", "-w /lib/systemd/system/docker.socket -p wa -k docker",
                     "-a always,exit -F arch=b32 -S unshare,setns -k container-namespace",
                     "-w /sbin/auditctl -p wxa -k audit-tools"] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
        #expect(text.contains("## Not on this host: 1.1.4 /run/containerd; 1.1.10 /etc/default/docker"))
        #expect(!text.contains("-e 2"))
        let report = RuleLinter(pathExists: { files.exists($0) }, isDirectory: { files.isDirectory($0) })
            .lint([RuleFile(path: "50-docker.rules", bytes: Array(text.utf8))])
        #expect(report.errorCount == 0 && report.warningCount == 0, "\(report.findings)")
        let immutable = DockerRuleProfile(host: host, immutable: true).text()
        #expect(immutable.hasSuffix("-e 2\n"))
    }

    @Test func cisItemsAreNotApplicableWhenAbsent() {
        let items = CISDockerItem.items(on: DockerHost())
        #expect(items.map(\.id) == (3...18).map { "1.1.\($0)" } + ["docker-sock"])
        #expect(items.allSatisfy { $0.targets.isEmpty })
    }
}

/// A kernel stand-in: status as recorded from `auditctl -s`, loads counted.
final class FakeControl: AuditControl, @unchecked Sendable {
    let statusText: String
    var loads: [String] = []
    init(status: String) { statusText = status }
    func status() throws -> AuditStatus { AuditStatus(parsing: statusText) }
    func loadedRules() throws -> String { "No rules\n" }
    func load(rulesFile path: String) throws { loads.append(path) }
}

struct RulesLoaderTests {
    static let locked = "enabled 2\nfailure 1\npid 612\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\nbacklog_wait_time 60000\nbacklog_wait_time_actual 0\nloginuid_immutable 0 unlocked\n"

    private func workspace() throws -> (dir: String, rulesD: RulesDirectory) {
        let dir = NSTemporaryDirectory() + "dockaudit-load-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/rules.d", withIntermediateDirectories: true)
        try Data("-w /etc/docker -p wa -k docker\n".utf8).write(to: URL(fileURLWithPath: dir + "/rules.d/50-docker.rules"))
        try Data("old rules\n".utf8).write(to: URL(fileURLWithPath: dir + "/audit.rules"))
        return (dir, try RulesDirectory(path: dir + "/rules.d"))
    }

    private func loader(_ control: FakeControl) -> RulesLoader {
        RulesLoader(control: control, merger: RulesMerger(), parser: RuleParser(), linter: RuleLinter())
    }

    @Test func refusesALockedKernelAndChangesNothing() throws {
        let (dir, rulesD) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let control = FakeControl(status: Self.locked)
        #expect(AuditStatus(parsing: Self.locked).isImmutable)
        #expect(throws: RulesError.self) { try loader(control).load(rulesD, into: dir + "/audit.rules") }
        #expect(control.loads.isEmpty)
        #expect(try String(contentsOfFile: dir + "/audit.rules", encoding: .utf8) == "old rules\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/audit.rules.prev"))
    }

    @Test func writesAtomicallyKeepsPreviousAndLoads() throws {
        let (dir, rulesD) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let control = FakeControl(status: Self.locked.replacingOccurrences(of: "enabled 2", with: "enabled 1"))
        let outcome = try loader(control).load(rulesD, into: dir + "/audit.rules")
        #expect(outcome.wrote && outcome.previous == dir + "/audit.rules.prev")
        #expect(control.loads == [dir + "/audit.rules"])
        #expect(try String(contentsOfFile: dir + "/audit.rules.prev", encoding: .utf8) == "old rules\n")
        let written = try String(contentsOfFile: dir + "/audit.rules", encoding: .utf8)
        #expect(written.hasSuffix("-w /etc/docker -p wa -k docker\n\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/audit.rules")[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("dockaudit-") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesRulesWithErrors() throws {
        let (dir, _) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("-w /etc/docker -p rwz\n".utf8).write(to: URL(fileURLWithPath: dir + "/rules.d/60-bad.rules"))
        let control = FakeControl(status: "enabled 1\n")
        #expect(throws: RulesError.self) { try loader(control).load(try RulesDirectory(path: dir + "/rules.d"), into: dir + "/audit.rules") }
        #expect(control.loads.isEmpty)
        #expect(try String(contentsOfFile: dir + "/audit.rules", encoding: .utf8) == "old rules\n")
    }

    @Test func missingDirectoryIsAClearError() {
        #expect(throws: RulesError.self) { try RulesDirectory(path: "/nonexistent/rules.d") }
    }
}
