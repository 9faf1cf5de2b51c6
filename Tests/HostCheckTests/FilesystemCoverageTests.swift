import AuditRules
import Foundation
import Testing
import HostCheck
import HostIO

/// Coverage decided the way the kernel decides it, on real directories with real links:
/// merged /usr, absolute links that must stay inside `--root`, loops, unit overrides,
/// drop-ins, and the sockets dockerd really listens on.
struct FilesystemCoverageTests {
    /// A root on disk: files, directories and symbolic links, removed afterwards.
    final class Root {
        let path = NSTemporaryDirectory() + "dockaudit-fs-\(UUID().uuidString)"
        var files: LocalHostFiles { LocalHostFiles(root: path) }

        func file(_ name: String, _ text: String = "") throws {
            try FileManager.default.createDirectory(atPath: ((path + name) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + name))
        }

        func link(_ name: String, to target: String) throws {
            try FileManager.default.createDirectory(atPath: ((path + name) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: path + name, withDestinationPath: target)
        }

        /// A Debian 12 host with merged /usr and Debian's docker.io units.
        static func debian() throws -> Root {
            let root = Root()
            try root.link("/lib", to: "usr/lib")
            try root.link("/sbin", to: "usr/sbin")
            try root.link("/bin", to: "usr/bin")
            try root.link("/var/run", to: "/run")   // absolute: must mean the root's /run, not this machine's
            try root.file("/usr/sbin/dockerd")
            try root.file("/usr/sbin/runc")
            try root.file("/usr/bin/containerd")
            try root.file("/usr/lib/systemd/system/docker.service",
                          "[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n")
            try root.file("/usr/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\nSocketGroup=docker\n")
            try root.file("/run/docker.sock")
            try root.file("/run/docker/containerd/containerd.sock")
            try root.file("/etc/docker/.keep")
            try root.file("/var/lib/docker/.keep")
            try root.file("/etc/group", "root:x:0:\ndocker:x:998:alice\n")
            try root.file("/etc/fstab", "/dev/vda1 / ext4 defaults 0 1\n")
            return root
        }

        func rules(_ text: String) throws { try file("/etc/audit/rules.d/50-test.rules", text) }

        func check() -> [String: CheckResult] {
            let snapshot = SnapshotReader(root: path, files: files, control: nil, recordedStatus: Fixtures.goodStatus,
                                          recordedRules: nil, recordedCmdline: nil).read(native: .x86_64)
            return Dictionary(uniqueKeysWithValues: HostChecker().check(snapshot).results.map { ($0.id, $0) })
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func theResolverStaysInsideTheRootAndStopsAtLoops() throws {
        let root = try Root.debian()
        try root.link("/etc/escape", to: "/etc/passwd")        // the root's /etc/passwd, not this machine's
        try root.link("/loop/a", to: "b")
        try root.link("/loop/b", to: "a")
        try root.link("/up", to: "../../../../..")
        #expect(root.files.resolve("/lib/systemd/system/docker.service", followLast: true) == .existing("/usr/lib/systemd/system/docker.service"))
        #expect(root.files.resolve("/var/run/docker.sock", followLast: true) == .existing("/run/docker.sock"))
        #expect(root.files.resolve("/etc/escape", followLast: true) == .missing("/etc/passwd"))
        #expect(root.files.read("/etc/escape") == nil)
        #expect(root.files.resolve("/loop/a/x", followLast: true) == .loop(link: "/loop/a"))
        #expect(root.files.resolve("/up/etc/group", followLast: true) == .existing("/etc/group"))
        #expect(root.files.load("/loop/a") == .failure(HostError(path: "/loop/a", reason: .linkLoop)))
    }

    @Test func watchesWrittenWithLibPathsCoverMergedUsr() throws {
        let root = try Root.debian()
        try root.rules("-w /lib/systemd/system/docker.service -p wa -k docker\n-w /lib/systemd/system/docker.socket -p wa -k docker\n"
                       + "-w /var/run/docker.sock -p wa -k docker\n-w /sbin/runc -p wxa -k docker\n")
        let result = root.check()
        for id in ["cis-1.1.7", "cis-1.1.9", "docker-sock-audited", "cis-1.1.18"] {
            #expect(result[id]?.status == .pass, "\(id): \(result[id]?.evidence ?? [])")
        }
        #expect(result["cis-1.1.7"]?.evidence == ["/usr/lib/systemd/system/docker.service: rules.d /etc/audit/rules.d/50-test.rules:1; loaded rules unknown (offline: give --auditctl-rules FILE)"])
    }

    @Test func theSocketUnitAndTheSocketAreSeparateChecks() throws {
        let root = try Root.debian()
        try root.rules("-w /run/docker.sock -p wa -k docker\n")
        let result = root.check()
        #expect(result["cis-1.1.9"]?.status == .fail)
        #expect(result["cis-1.1.9"]?.remediation?.contains("-w /usr/lib/systemd/system/docker.socket -p wa -k docker") == true)
        #expect(result["docker-sock-audited"]?.status == .pass)
        #expect(result["docker-sock-audited"]?.cis == nil && result["docker-sock-audited"]?.category == .rules)
    }

    @Test func dockerdsOwnContainerdSocketIsTheTarget() throws {
        let root = try Root.debian()
        #expect(root.check()["cis-1.1.8"]?.evidence.first?.hasPrefix("/run/docker/containerd/containerd.sock: not in rules.d") == true)
        try root.rules("-w /run/docker/containerd/containerd.sock -p wa -k docker\n")
        #expect(root.check()["cis-1.1.8"]?.status == .pass)
    }

    @Test func anOverrideInEtcIsTheUnitAndTheVendorFileAWarning() throws {
        let root = try Root.debian()
        try root.file("/etc/systemd/system/docker.service", "[Service]\nExecStart=/opt/bin/dockerd\n")
        try root.file("/etc/systemd/system/docker.service.d/limits.conf", "[Service]\nLimitNOFILE=1\n")
        try root.file("/opt/bin/dockerd")
        try root.rules("-w /lib/systemd/system/docker.service -p wa -k docker\n")
        var result = root.check()
        #expect(result["cis-1.1.7"]?.status == .fail, "watching only the shadowed vendor file covers nothing systemd reads")
        #expect(result["cis-1.1.3"]?.evidence.contains { $0.hasPrefix("/opt/bin/dockerd:") } == true, "ExecStart of the override")
        try root.rules("-w /etc/systemd/system/docker.service -p wa -k docker\n-w /etc/systemd/system/docker.service.d -p wa -k docker\n")
        result = root.check()
        #expect(result["cis-1.1.7"]?.status == .warn)
        #expect(result["cis-1.1.7"]?.evidence.last?.hasPrefix("/usr/lib/systemd/system/docker.service: shadowed by /etc/systemd/system/docker.service") == true)
        #expect(result["cis-1.1.7"]?.remediation?.contains("-w /usr/lib/systemd/system/docker.service -p wa -k docker") == true)
    }

    @Test func aMaskedUnitIsNotApplicable() throws {
        let root = try Root.debian()
        try root.link("/etc/systemd/system/docker.socket", to: "/dev/null")
        #expect(root.check()["cis-1.1.9"]?.status == .na)
    }

    @Test func aLinkLoopIsASkipWithTheLink() throws {
        let root = try Root.debian()
        try FileManager.default.removeItem(atPath: root.path + "/etc/docker/.keep")
        try FileManager.default.removeItem(atPath: root.path + "/etc/docker")
        try root.link("/etc/systemd/system/docker.service", to: "docker.service")
        let result = root.check()
        #expect(result["cis-1.1.7"]?.status == .skip)
        #expect(result["cis-1.1.7"]?.evidence == ["/etc/systemd/system/docker.service: a loop of symbolic links; where the file is cannot be known"])
    }

    @Test func thePartitionOfTheDataRoot() throws {
        let root = try Root.debian()
        #expect(root.check()["cis-1.1.1"]?.status == .fail)
        #expect(root.check()["cis-1.1.1"]?.evidence == ["/var/lib/docker is on the partition of / (/etc/fstab)"])
        try root.file("/etc/fstab", "/dev/vda1 / ext4 defaults 0 1\nUUID=1 /var/lib/docker xfs defaults 0 2\n")
        #expect(root.check()["cis-1.1.1"]?.status == .pass)
    }

    @Test func whoControlsTheDaemon() throws {
        let root = try Root.debian()
        try root.file("/etc/passwd", "root:x:0:0::/root:/bin/sh\nbob:x:1001:998::/home/bob:/bin/sh\ncarol:x:1002:1002::/home/carol:/bin/sh\n")
        try root.file("/etc/group", "root:x:0:\ndocker:x:998:alice\nops:x:1003:carol\n")
        try root.file("/etc/sudoers", "Defaults env_reset\nCmnd_Alias DOCKER = /usr/bin/docker *, \\\n  /usr/bin/dockerd\n%ops ALL=(root) NOPASSWD: DOCKER\nroot ALL=(ALL) ALL\ndave ALL=/usr/bin/apt\n")
        try root.file("/etc/sudoers.d/README.disabled", "eve ALL=(ALL) ALL\n")
        let snapshot = SnapshotReader(root: root.path, files: root.files).read(native: .x86_64)
        let info = HostChecker().check(snapshot, only: ["cis-1.1.2"]).results[0]
        #expect(info.status == .info)
        #expect(info.evidence.prefix(3) == ["docker group (gid 998): alice, bob",
                                             "sudo: %ops may run /usr/bin/docker *, /usr/bin/dockerd as root (/etc/sudoers:4): carol",
                                             "sudo: root may run ALL as root (/etc/sudoers:5)"])
        let judged = HostChecker(trustedUsers: ["alice"]).check(snapshot, only: ["cis-1.1.2"]).results[0]
        #expect(judged.status == .warn)
        #expect(judged.remediation == "gpasswd -d bob docker; narrow the sudoers rule at /etc/sudoers:4")
    }
}
