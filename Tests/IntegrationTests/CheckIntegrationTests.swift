import Foundation
import Testing

/// `check` and `fix` through the binary: on fixture roots created with real owners and
/// modes (offline mode), and on this machine's live kernel.
@Suite(.serialized, .enabled(if: Environment.inCI || Environment.isRoot))
struct CheckIntegrationTests {
    /// A Debian-layout root; `good` has the Docker rules, audit=1, tight modes.
    private func fixtureRoot(good: Bool) throws -> String {
        let root = NSTemporaryDirectory() + "dockaudit-fixture-\(good ? "good" : "bad")-\(getpid())-\(UUID().uuidString.prefix(6))"
        func file(_ path: String, _ text: String = "", mode: Int = 0o644, uid: UInt32 = 0, gid: UInt32 = 0) throws {
            let full = root + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
            chmod(full, mode_t(mode))
            chown(full, uid, gid)
        }
        func directory(_ path: String, mode: Int, gid: UInt32 = 0) throws {
            try FileManager.default.createDirectory(atPath: root + path, withIntermediateDirectories: true)
            chmod(root + path, mode_t(mode))
            chown(root + path, 0, gid)
        }
        for program in ["/usr/sbin/auditd", "/usr/sbin/dockerd", "/usr/bin/containerd", "/usr/bin/containerd-shim-runc-v2",
                        "/usr/sbin/runc", "/usr/bin/docker"] { try file(program, mode: 0o755) }
        try file("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n")
        try file("/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\n")
        try file("/etc/group", "root:x:0:\nadm:x:4:\ndocker:x:998:\n")
        try file("/etc/sudoers", "root ALL=(ALL:ALL) ALL\n", mode: 0o440)
        try file("/etc/fstab", "/dev/vda1 / ext4 defaults 0 1\n" + (good ? "/dev/vdb1 /var/lib/docker ext4 defaults 0 2\n" : ""))
        try directory("/etc/docker", mode: 0o755)
        try directory("/var/lib/docker", mode: 0o710)
        try file("/etc/default/grub", "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX=\"\(good ? "audit=1 audit_backlog_limit=8192" : "quiet")\"\n")
        try directory("/etc/audit", mode: 0o750)
        try directory("/etc/audit/rules.d", mode: 0o750)
        try file("/etc/audit/auditd.conf", "log_file = /var/log/audit/audit.log\nlog_group = adm\nmax_log_file_action = ROTATE\nnum_logs = \(good ? 5 : 1)\nspace_left_action = \(good ? "SYSLOG" : "ignore")\ndisk_full_action = SUSPEND\ndisk_error_action = SUSPEND\n",
                 mode: good ? 0o640 : 0o666)
        try file("/etc/audit/rules.d/10-base.rules", "-D\n-b 8192\n-f 1\n", mode: 0o640)
        try directory("/var/log/audit", mode: 0o750, gid: 4)
        try file("/var/log/audit/audit.log", mode: good ? 0o640 : 0o644, gid: 4)
        if good {
            let generated = try run(Environment.binary, ["rules", "generate", "--profile", "docker", "--root", root])
            try file("/etc/audit/rules.d/50-docker.rules", String(decoding: generated.stdout, as: UTF8.self), mode: 0o640)
        }
        return root
    }

    private func probes(_ root: String, loaded: String, enabled: Int = 1) throws -> [String] {
        let status = root + ".status", rules = root + ".rules", cmdline = root + ".cmdline"
        try Data("enabled \(enabled)\nfailure 1\npid 600\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\n".utf8).write(to: URL(fileURLWithPath: status))
        try Data(loaded.utf8).write(to: URL(fileURLWithPath: rules))
        try Data("BOOT_IMAGE=/vmlinuz audit=1 audit_backlog_limit=8192\n".utf8).write(to: URL(fileURLWithPath: cmdline))
        return ["--root", root, "--auditctl-status", status, "--auditctl-rules", rules, "--cmdline", cmdline]
    }

    /// Every path under the root with its mode, owner, size and modification time.
    private func fingerprint(_ root: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var entries: [String] = []
        while let path = enumerator?.nextObject() as? String {
            let attributes = (try? FileManager.default.attributesOfItem(atPath: root + "/" + path)) ?? [:]
            entries.append("\(path) \(attributes[.posixPermissions] ?? "") \(attributes[.ownerAccountID] ?? "") \(attributes[.size] ?? "") \(attributes[.modificationDate] ?? "")")
        }
        return entries.sorted()
    }

    private func statuses(_ result: RunResult) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        let results = try #require(object?["results"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: results.map { ($0["id"] as! String, $0["status"] as! String) })
    }

    @Test func offlineCheckOfFixtureRootsNeverWrites() throws {
        try #require(Environment.isRoot, "fixtures need root-owned files")
        let good = try fixtureRoot(good: true), bad = try fixtureRoot(good: false)
        defer { for root in [good, bad] { try? FileManager.default.removeItem(atPath: root) } }
        let loaded = try String(contentsOfFile: good + "/etc/audit/rules.d/50-docker.rules", encoding: .utf8)
        let before = fingerprint(good)
        // The good root carries the Docker rules, not detect's (detect-coverage warns), and no
        // auditd state report (audit-dispatcher is skipped): both are right, and not what this test is about.
        let goodRun = try run(Environment.binary, ["check", "--format", "json", "--skip", "rules-immutable", "audit-dispatcher", "detect-coverage",
                                                   "--trusted-users", "root"] + probes(good, loaded: loaded))
        #expect(goodRun.status == 0, "\(String(decoding: goodRun.stdout, as: UTF8.self))")
        let goodStatuses = try statuses(goodRun)
        #expect(goodStatuses.values.allSatisfy { ["pass", "na"].contains($0) }, "\(goodStatuses.filter { !["pass", "na"].contains($0.value) })")
        #expect(fingerprint(good) == before, "check wrote under the root")

        let badRun = try run(Environment.binary, ["check", "--format", "json"] + probes(bad, loaded: "No rules\n", enabled: 0))
        #expect(badRun.status == 1)
        let badStatuses = try statuses(badRun)
        for id in ["audit-enabled", "boot-audit-bootloader", "cis-1.1.1", "cis-1.1.3", "cis-1.1.18", "rules-perms", "log-perms",
                   "auditd-conf-space-left-action", "auditd-conf-max-log-file-action"] {
            #expect(badStatuses[id] == "fail", "\(id): \(badStatuses[id] ?? "missing")")
        }
        let junit = try run(Environment.binary, ["check", "--format", "junit"] + probes(bad, loaded: "No rules\n"))
        #expect(String(decoding: junit.stdout, as: UTF8.self).contains("<failure message=\"cis-1.1.3 failed\">"))
        let sarif = try run(Environment.binary, ["check", "--format", "sarif", "--only", "cis-1.1.3"] + probes(bad, loaded: "No rules\n"))
        #expect(sarif.status == 1 && String(decoding: sarif.stdout, as: UTF8.self).contains("\"ruleId\":\"cis-1.1.3\""))
    }

    /// A Red Hat layout with a moved data root and docker.service overridden in /etc/systemd/system.
    @Test func redHatRootWithMovedDataAndOverriddenUnits() throws {
        try #require(Environment.isRoot, "fixtures need root-owned files")
        let root = NSTemporaryDirectory() + "dockaudit-fixture-rhel-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        func file(_ path: String, _ text: String = "", mode: Int = 0o644) throws {
            try FileManager.default.createDirectory(atPath: root + (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + path))
            chmod(root + path, mode_t(mode))
            chown(root + path, 0, 0)
        }
        for program in ["/usr/sbin/auditd", "/usr/bin/dockerd", "/usr/bin/containerd", "/usr/bin/runc", "/usr/bin/docker"] {
            try file(program, mode: 0o755)
        }
        try file("/usr/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd\n")
        try file("/etc/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd --data-root /srv/docker\n")
        try file("/etc/systemd/system/docker.service.d/limits.conf", "[Service]\nLimitNOFILE=1048576\n")
        try file("/etc/docker/daemon.json", #"{"data-root": "/srv/docker"}"#)
        try file("/srv/docker/.keep")
        try file("/etc/sysconfig/docker", "OPTIONS=\n")
        try file("/etc/kernel/cmdline", "root=/dev/mapper/rhel-root ro audit=1 audit_backlog_limit=8192\n")
        try file("/boot/loader/entries/0-rhel.conf", "title RHEL\noptions root=/dev/mapper/rhel-root ro audit=1\n")
        try file("/etc/audit/rules.d/50-old.rules", "-w /var/lib/docker -k docker\n-w /usr/lib/systemd/system/docker.service -k docker\n", mode: 0o600)
        try file("/etc/audit/auditd.conf", "num_logs = 5\n", mode: 0o600)
        let result = try run(Environment.binary, ["check", "--format", "json", "--root", root])
        let statuses = try statuses(result)
        #expect(statuses["cis-1.1.5"] == "fail", "the moved data root /srv/docker is not watched")
        #expect(statuses["cis-1.1.7"] == "fail", "the override in /etc/systemd/system is not watched")
        #expect(statuses["cis-1.1.13"] == "fail", "/etc/sysconfig/docker exists and is not watched")
        #expect(statuses["boot-audit-bootloader"] == "pass")
        #expect(statuses["boot-backlog-bootloader"] == "fail", "the BLS entry lacks audit_backlog_limit")
        #expect(statuses["auditd-running"] == "skip" && statuses["rules-loaded-match"] == "skip")
        let evidence = String(decoding: result.stdout, as: UTF8.self)
        #expect(evidence.contains("/etc/systemd/system/docker.service.d/limits.conf: not in rules.d"))
    }

    @Test func offlineFixIsADryRunUntilApplyAndThenIdempotent() throws {
        try #require(Environment.isRoot, "fixtures need root-owned files")
        let bad = try fixtureRoot(good: false)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let before = fingerprint(bad)
        let dryRun = try run(Environment.binary, ["fix", "--root", bad])
        let plan = String(decoding: dryRun.stdout, as: UTF8.self)
        #expect(dryRun.status == 0)
        #expect(plan.contains("+++ /etc/audit/rules.d/50-dockaudit-docker.rules") && plan.contains("+GRUB_CMDLINE_LINUX=\"quiet audit=1 audit_backlog_limit=8192\""))
        #expect(plan.contains("(dry run: nothing was changed"))
        #expect(fingerprint(bad) == before)

        let apply = try run(Environment.binary, ["fix", "--root", bad, "--apply"])
        #expect(apply.status == 0, "\(apply.stderr)")
        // Backups live outside rules.d and /etc/audit: /var/backups/dockaudit/STAMP/<path>.
        let stamps = try FileManager.default.contentsOfDirectory(atPath: bad + "/var/backups/dockaudit")
        #expect(stamps.count == 1)
        #expect(FileManager.default.fileExists(atPath: bad + "/var/backups/dockaudit/\(stamps.first ?? "")/etc/audit/auditd.conf"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: bad + "/etc/audit/rules.d").allSatisfy { $0.hasSuffix(".rules") })
        #expect(try !FileManager.default.contentsOfDirectory(atPath: bad + "/etc/audit").contains { $0.contains("dockaudit-") })
        let after = try run(Environment.binary, ["check", "--format", "json"] + probes(bad, loaded: "No rules\n"))
        let statuses = try statuses(after)
        for id in ["boot-audit-bootloader", "boot-backlog-bootloader", "rules-perms", "log-perms", "auditd-conf-space-left-action",
                   "auditd-conf-max-log-file-action"] + (3...18).map({ "cis-1.1.\($0)" }) {
            #expect(["pass", "na", "warn"].contains(statuses[id] ?? ""), "\(id): \(statuses[id] ?? "missing")")
        }
        let again = try run(Environment.binary, ["fix", "--root", bad])
        #expect(String(decoding: again.stdout, as: UTF8.self) == "nothing to change\n")
    }

    /// Another file of rules.d that the kernel would refuse: fix --apply refuses before its
    /// first write, says why, and the tree is byte for byte as it was.
    @Test func fixRefusesBeforeWritingWhenRulesDWouldBeRefused() throws {
        try #require(Environment.isRoot, "fixtures need root-owned files")
        let bad = try fixtureRoot(good: false)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        try "-w /etc/hosts -p wa -k hosts\n-a always,exit -F arch=b64 -S openat -F nosuchfield=1 -k broken\n"
            .write(toFile: bad + "/etc/audit/rules.d/30-foreign.rules", atomically: true, encoding: .utf8)
        let before = fingerprint(bad)
        let apply = try run(Environment.binary, ["fix", "--root", bad, "--apply"])
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("30-foreign.rules:2") && apply.stderr.contains("Nothing was written"), "\(apply.stderr)")
        #expect(fingerprint(bad) == before, "fix --apply changed files although it refused")
        #expect(!FileManager.default.fileExists(atPath: bad + "/var/backups/dockaudit"))
    }

    /// On this merged-/usr Debian host, watches written as docker-bench-security and
    /// `systemctl show -p FragmentPath` name the units (/lib/systemd/system/…) cover them,
    /// loaded and on disk; a rule set without the socket unit fails 1.1.9 alone.
    @Test func liveLibPathsCoverTheUnitsAndAMissingSocketUnitFails() throws {
        try #require(Environment.isRoot, "needs root")
        try #require(FileManager.default.fileExists(atPath: "/lib/systemd/system/docker.service"), "docker.io is installed by the test command")
        try withSavedAuditConfiguration {
            let rules = "/etc/audit/rules.d/50-lib-paths.rules"
            func judge(_ text: String) throws -> [String: String] {
                try Data(text.utf8).write(to: URL(fileURLWithPath: rules))
                _ = try run("/sbin/auditctl", ["-D"])
                let load = try run("/sbin/auditctl", ["-R", rules])
                try #require(load.status == 0, "\(load.stderr)")
                return try statuses(try run(Environment.binary, ["check", "--format", "json", "--only", "cis-1.1.7", "cis-1.1.9",
                                                                 "docker-sock-audited"]))
            }
            let sock = FileManager.default.fileExists(atPath: "/run/docker.sock") ? "pass" : "na"
            let service = "-w /lib/systemd/system/docker.service -p wa -k docker\n"
            let socket = "-w /lib/systemd/system/docker.socket -p wa -k docker\n-w /var/run/docker.sock -p wa -k docker\n"
            let complete = try judge(service + socket)
            #expect(complete == ["cis-1.1.7": "pass", "cis-1.1.9": "pass", "docker-sock-audited": sock])
            let withoutSocketUnit = try judge(service + "-w /var/run/docker.sock -p wa -k docker\n")
            #expect(withoutSocketUnit == ["cis-1.1.7": "pass", "cis-1.1.9": "fail", "docker-sock-audited": sock])
        }
    }

    @Test func liveFixMakesTheCISChecksPass() throws {
        try #require(Environment.isRoot, "needs root")
        try withSavedAuditConfiguration {
            let cis = (3...18).map { "cis-1.1.\($0)" } + ["docker-sock-audited"]
            let before = try run(Environment.binary, ["check", "--format", "json", "--only"] + cis)
            #expect(before.status == 1)
            #expect(try statuses(before).values.contains("fail"))
            let fix = try run(Environment.binary, ["fix", "--apply"])
            #expect(fix.status == 0, "\(fix.stderr)")
            #expect(!String(decoding: fix.stdout, as: UTF8.self).contains("-e 2"))
            let after = try run(Environment.binary, ["check", "--format", "json", "--only"] + cis)
            let statuses = try statuses(after)
            #expect(after.status == 0, "\(statuses.filter { $0.value != "pass" && $0.value != "na" })")
            #expect(statuses.values.allSatisfy { $0 == "pass" || $0 == "na" })
            let second = try run(Environment.binary, ["fix"])
            #expect(String(decoding: second.stdout, as: UTF8.self) == "nothing to change\n")
            let status = String(decoding: try run("/sbin/auditctl", ["-s"]).stdout, as: UTF8.self)
            #expect(status.contains("enabled 1"), "the kernel must never be locked here")
        }
    }

    /// As a user who cannot read /etc/audit or ask the kernel: whatever could not be read is a
    /// skip with its reason and no remediation, the report says it is incomplete, and
    /// search says what would help.
    @Test func asAnUnprivilegedUserWhatCannotBeReadIsSkippedNotFailed() throws {
        try #require(Environment.isRoot, "needs root to run as nobody")
        let copy = "/tmp/dockaudit-nobody-\(getpid())"
        try FileManager.default.copyItem(atPath: Environment.binary, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        chmod(copy, 0o755)
        let result = try run("/usr/sbin/runuser", ["-u", "nobody", "--", copy, "check", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.stderr)")
        let incomplete = document["incomplete"] as? [String] ?? []
        #expect(incomplete.contains { $0.contains("/etc/audit") && $0.contains("permission denied") }, "\(incomplete)")
        let results = document["results"] as? [[String: Any]] ?? []
        for item in results {
            let status = item["status"] as? String, evidence = (item["evidence"] as? [String] ?? []).joined(separator: " ")
            if evidence.contains("permission denied") || evidence.contains("must be root") {
                #expect(status == "skip", "\(item["id"] ?? "?"): \(status ?? "?") on \(evidence)")
                #expect(item["remediation"] is NSNull || item["remediation"] == nil, "\(item["id"] ?? "?") advises on an unread file")
            }
        }
        #expect(!results.contains { ($0["remediation"] as? String)?.contains("chown root:root /var/log/audit") == true })
        let ruleItems = Set((3...18).map { "cis-1.1.\($0)" })   // 1.1.1 reads the mount table, open to all
        let cis = results.filter { ruleItems.contains($0["id"] as? String ?? "") && $0["status"] as? String != "na" }
        #expect(!cis.isEmpty && cis.allSatisfy { $0["status"] as? String == "skip" })
        let text = try run("/usr/sbin/runuser", ["-u", "nobody", "--", copy, "check"])
        #expect(String(decoding: text.stdout, as: UTF8.self).hasPrefix("INCOMPLETE: "))
        let search = try run("/usr/sbin/runuser", ["-u", "nobody", "--", copy, "search", "-k", "docker"])
        #expect(search.status == 2 && search.stderr.contains("run as root, or as a member of the log_group"), "\(search.stderr)")
    }
}
