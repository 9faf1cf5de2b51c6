import AuditRules
import Testing
import HostCheck

struct HostCheckerTests {
    private func statuses(_ snapshot: HostSnapshot) -> [String: CheckStatus] {
        Dictionary(uniqueKeysWithValues: HostChecker().check(snapshot).results.map { ($0.id, $0.status) })
    }

    @Test func everyCheckHasAStableID() {
        let ids = HostChecker.allIDs
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 40)
        #expect(ids.contains("cis-1.1.3") && ids.contains("cis-1.1.18") && ids.contains("auditd-conf-max-log-file-action"))
    }

    @Test func aWellConfiguredDebianHostPasses() {
        let result = statuses(Fixtures.snapshot(Fixtures.debian(good: true)))
        let failing = result.filter { $0.value == .fail || $0.value == .warn || $0.value == .skip }
        #expect(failing.isEmpty, "\(failing)")
        #expect(result["cis-1.1.5"] == .pass && result["cis-1.1.13"] == .na && result["cis-1.1.8"] == .na)
    }

    @Test func aBadlyConfiguredDebianHostFailsWithEvidenceAndRemediation() {
        let host = Fixtures.debian(good: false)
        let report = HostChecker().check(Fixtures.snapshot(host, status: "enabled 0\npid 0\nlost 5\nbacklog_limit 64\nbacklog 0\n",
                                                           rules: "No rules\n", cmdline: "BOOT_IMAGE=/vmlinuz quiet"))
        let result = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0) })
        for id in ["auditd-running", "audit-enabled", "audit-lost", "audit-dispatcher", "audit-backlog", "boot-audit-cmdline", "boot-audit-bootloader",
                   "boot-backlog-bootloader", "rules-immutable", "rules-never-task", "cis-1.1.3", "cis-1.1.5", "cis-1.1.18",
                   "rules-perms", "log-perms", "docker-sock-perms", "auditd-conf-disk-full-action",
                   "auditd-conf-max-log-file-action"] {
            #expect(result[id]?.status == .fail, "\(id): \(String(describing: result[id]))")
            #expect(result[id]?.remediation != nil, "\(id) has no remediation")
        }
        #expect(result["auditd-conf-space-left-action"]?.status == .fail)   // not set: auditd's default is IGNORE
        #expect(result["boot-audit-bootloader"]?.evidence.first == "/etc/default/grub:2 GRUB_CMDLINE_LINUX_DEFAULT, /etc/default/grub:3 GRUB_CMDLINE_LINUX: no audit=")
        #expect(result["rules-never-task"]?.evidence.first == "/etc/audit/rules.d/10-no-audit.rules:1: -a never,task")
        #expect(result["docker-sock-perms"]?.evidence.contains("mode 0666") == true)
        #expect(report.failed(failOnWarn: false))
    }

    @Test func redHatBootEntriesAreEachChecked() {
        var host = Fixtures.debian(good: true)
        host.entries["/etc/default/grub"] = nil
        host.file("/etc/kernel/cmdline", "root=/dev/mapper/rhel-root ro audit=1 audit_backlog_limit=8192\n")
        host.file("/boot/loader/entries/a.conf", "title RHEL\noptions root=/dev/mapper/rhel-root ro audit=1 audit_backlog_limit=8192\n")
        host.file("/boot/loader/entries/b.conf", "title rescue\noptions root=/dev/mapper/rhel-root ro\n")
        host.file("/etc/sysconfig/docker", "OPTIONS=\n")
        let report = HostChecker().check(Fixtures.snapshot(host))
        let boot = report.results.first { $0.id == "boot-audit-bootloader" }!
        #expect(boot.status == .fail)
        #expect(boot.evidence == ["/etc/kernel/cmdline:1 cmdline: audit=1", "/boot/loader/entries/a.conf:2 options: audit=1",
                                  "/boot/loader/entries/b.conf:2 options: no audit="])
        #expect(report.results.first { $0.id == "cis-1.1.13" }?.status == .fail)   // /etc/sysconfig/docker exists, unwatched
    }

    @Test func aMovedDataRootAndOverriddenUnitsAreFollowed() {
        var host = Fixtures.debian(good: true)
        host.file("/etc/docker/daemon.json", #"{"data-root": "/data/docker"}"#)
        host.directory("/data/docker")
        host.file("/etc/systemd/system/docker.service", "[Service]\nExecStart=/usr/sbin/dockerd\n")
        let result = statuses(Fixtures.snapshot(host))
        #expect(result["cis-1.1.5"] == .fail)   // the rules watch /var/lib/docker, not /data/docker
        #expect(result["cis-1.1.7"] == .fail)   // /etc/systemd/system/docker.service is not watched
        #expect(result["cis-1.1.11"] == .pass)  // daemon.json lies under the watched /etc/docker
    }

    @Test func onlyOnDiskOrOnlyLoadedIsAWarning() {
        let host = Fixtures.debian(good: true)
        let listing = Fixtures.listing(of: host).split(separator: "\n").filter { !$0.contains("/usr/sbin/runc") }.joined(separator: "\n")
        let report = HostChecker().check(Fixtures.snapshot(host, rules: listing + "\n"))
        let runc = report.results.first { $0.id == "cis-1.1.18" }!
        #expect(runc.status == .warn)
        #expect(runc.evidence == ["/usr/sbin/runc: rules.d /etc/audit/rules.d/50-docker.rules:32; not loaded"])
        #expect(report.results.first { $0.id == "rules-loaded-match" }?.status == .fail)
        #expect(report.failed(failOnWarn: false))
    }

    @Test func offlineProbesAreSkippedWithTheReason() {
        let snapshot = SnapshotReader(root: "/", files: Fixtures.debian(good: true), control: nil).read(native: .x86_64)
        let report = HostChecker().check(snapshot)
        let skipped = report.results.filter { $0.status == .skip }.map(\.id)
        #expect(skipped == ["auditd-running", "audit-enabled", "audit-lost", "audit-backlog", "boot-audit-cmdline", "rules-loaded-match",
                            "cis-1.1.1"])   // offline, with no /etc/fstab
        #expect(report.results.first { $0.id == "audit-enabled" }?.evidence == ["offline: give --auditctl-status FILE"])
        // With nothing loaded known, the CIS items are judged on rules.d.
        #expect(report.results.first { $0.id == "cis-1.1.3" }?.status == .pass)
    }

    @Test func badInputSkipsOnlyTheAffectedChecks() {
        var host = Fixtures.debian(good: true)
        host.file("/etc/default/grub", "GRUB_CMDLINE_LINUX=\"audit=1\nGRUB_TIMEOUT=5\n")
        host.entries["/etc/audit/auditd.conf"]!.bytes = [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1]
        host.file("/etc/docker/daemon.json", "{ not json")
        let report = HostChecker().check(Fixtures.snapshot(host))
        let result = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0) })
        #expect(result["boot-audit-bootloader"]?.status == .skip)
        #expect(result["boot-audit-bootloader"]?.evidence == ["/etc/default/grub:1: unbalanced quote"])
        #expect(result["auditd-conf-disk-full-action"]?.status == .skip)
        #expect(result["cis-1.1.5"]?.status == .skip)
        #expect(result["cis-1.1.3"]?.status == .pass && result["audit-enabled"]?.status == .pass)
    }

    @Test func outputsCarryEveryResult() {
        let report = HostChecker().check(Fixtures.snapshot(Fixtures.debian(good: false), rules: "No rules\n"))
        let json = report.json()
        #expect(json.hasPrefix("{\"incomplete\":[],\"results\":[{\"category\":"))
        #expect(json.contains("\"cis\":\"1.1.3\"") && json.contains("\"cis\":null"))
        let junit = report.junit(failOnWarn: false)
        #expect(junit.contains("<testcase classname=\"dockaudit.check.Boot\" name=\"boot-audit-cmdline: the running kernel was booted with audit=1\">"))
        #expect(junit.contains("failures=\"\(report.count(.fail))\""))
        let sarif = report.sarif()
        #expect(sarif.contains("\"version\":\"2.1.0\"") && sarif.contains("\"level\":\"error\""))
        let text = report.text(colored: false)
        #expect(text.contains("[FAIL] cis-1.1.3") && text.contains("score: "))
        #expect(!report.text(colored: false).contains("\u{1B}") && report.text(colored: true).contains("\u{1B}[31;1m"))
    }

    @Test func longEvidenceIsCutInTextAndKeptWhole() {
        let evidence = (1...79).map { "rule \($0) differs" }
        let report = CheckReport(results: [CheckResult(id: "rules-loaded-match", title: "the loaded rules match", category: .rules,
                                                       status: .fail, evidence: evidence, remediation: "augenrules --load")])
        let text = report.text(colored: false)
        #expect(text.contains("rule 6 differs") && !text.contains("rule 7 differs"))
        #expect(text.contains("… and 73 more (see --format json)\n         fix: augenrules --load"))
        #expect(report.json().contains("rule 79 differs"))
        let short = CheckReport(results: [CheckResult(id: "x", title: "x", category: .rules, status: .fail,
                                                      evidence: Array(evidence.prefix(6)))])
        #expect(!short.text(colored: false).contains("more (see"))
    }

    /// Merged /usr: /lib is a link to /usr/lib, /var/run to /run. The kernel resolves a watch's
    /// directory when the rule is loaded, so `-w /lib/systemd/system/docker.service` covers
    /// the unit systemd reports as /usr/lib/systemd/system/docker.service.
    @Test func watchesThroughLinkedDirectoriesCoverTheirTargets() {
        var host = Fixtures.debian(good: false)
        host.file("/usr/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/sbin/dockerd\n")
        host.file("/usr/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\n")
        host.links["/lib"] = "/usr/lib"
        host.links["/var/run"] = "/run"
        host.links["/loop"] = "/loop"
        host.file("/etc/audit/rules.d/20-lib.rules",
                  "-w /lib/systemd/system/docker.service -p wa -k docker\n-w /lib/systemd/system/docker.socket -p wa -k docker\n", mode: 0o640)
        let snapshot = Fixtures.snapshot(host, rules: "-w /lib/systemd/system/docker.service -p wa -k docker\n-w /lib/systemd/system/docker.socket -p wa -k docker\n")
        #expect(snapshot.resolved("/lib/systemd/system/docker.service") == "/usr/lib/systemd/system/docker.service")
        #expect(snapshot.resolved("/loop/x") == "/loop/x")
        let result = Dictionary(uniqueKeysWithValues: HostChecker().check(snapshot).results.map { ($0.id, $0) })
        #expect(result["cis-1.1.7"]?.status == .pass, "\(result["cis-1.1.7"]?.evidence ?? [])")
    }
}
