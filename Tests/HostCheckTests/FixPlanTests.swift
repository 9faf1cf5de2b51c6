import TestSupport
import AuditRules
import Testing
import HostCheck
import HostIO

struct FixPlanTests {
    /// Carries out a plan on the in-memory host, as `FixApplier` does on disk.
    private func applied(_ plan: FixPlan, to host: MemoryHost) -> MemoryHost {
        var host = host
        for change in plan.files {
            host.file(change.path, String(decoding: change.after, as: UTF8.self), mode: change.mode)
        }
        for change in plan.permissions {
            if let uid = change.uid { host.entries[change.path]!.status.uid = uid }
            if let gid = change.gid { host.entries[change.path]!.status.gid = gid }
            if let mode = change.mode { host.entries[change.path]!.status.mode = mode }
        }
        return host
    }

    private func plan(_ host: MemoryHost, immutable: Bool = false, programs: Set<String> = ["/usr/sbin/update-grub"]) -> FixPlan {
        let snapshot = Fixtures.snapshot(host, rules: Fixtures.listing(of: host))
        return FixPlan(snapshot: snapshot, report: HostChecker().check(snapshot), immutable: immutable,
                       programExists: { programs.contains($0) })
    }

    @Test func fixesABadHostAndThenHasNothingLeft() {
        let bad = Fixtures.debian(good: false)
        let first = plan(bad, immutable: true)
        #expect(first.files.map(\.path) == [FixPlan.rulesFile, FixPlan.finalizeFile, "/etc/default/grub", "/etc/audit/auditd.conf"])
        #expect(first.commands.map(\.text) == ["update-grub"])
        #expect(Set(first.permissions.map(\.path)) == ["/etc/audit/auditd.conf", "/var/log/audit", "/var/log/audit/audit.log",
                                                     "/var/log/audit/audit.log.1", "/run/docker.sock"])
        #expect(first.loadRules)
        let grub = String(decoding: first.files[2].after, as: UTF8.self)
        #expect(grub.contains("GRUB_CMDLINE_LINUX=\"audit=1 audit_backlog_limit=8192\"\n")
                && grub.contains("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\""))
        let conf = String(decoding: first.files[3].after, as: UTF8.self)
        #expect(conf.contains("disk_full_action = SUSPEND\n") && conf.contains("num_logs = 5\n") && conf.contains("space_left_action = SYSLOG\n"))

        let fixed = applied(first, to: bad)
        let second = plan(fixed, immutable: true)
        #expect(second.files.isEmpty && second.permissions.isEmpty && second.commands.isEmpty, "\(second.files.map(\.path))")
        let report = HostChecker().check(Fixtures.snapshot(fixed, rules: Fixtures.listing(of: fixed)))
        let stillFailing = report.results.filter { $0.status == .fail }.map(\.id)
        // The never,task rule is the user's to delete; the running kernel needs a reboot; the
        // dispatcher's overflow has happened, and auditd's next report says whether it does again.
        #expect(stillFailing == ["audit-dispatcher", "rules-never-task"], "\(stillFailing)")
    }

    /// dockaudit's file stands on its own: another file of rules.d with the same rules may
    /// go away. Its second key keeps the kernel from seeing a duplicate (which it refuses).
    @Test func ownRulesAreCompleteAndNeverDuplicateAnotherFile() {
        var host = Fixtures.debian(good: false)
        let mine = "-w /etc/docker -p wa -k docker\n-w /usr/sbin/runc -p rwxa -k runc\n"
        host.file("/etc/audit/rules.d/30-mine.rules", mine, mode: 0o640)
        let rules = String(decoding: plan(host).files[0].after, as: UTF8.self)
        #expect(rules.contains("\n-w /etc/docker -p wa -k docker -k dockaudit\n"))
        #expect(rules.contains("\n-w /usr/sbin/runc -p wxa -k docker -k dockaudit\n"))
        #expect(!rules.contains("already in"))
        #expect(rules.contains("-b 8192\n"))
        let lint = RuleLinter().lint([RuleFile(path: "30-mine.rules", bytes: Array(mine.utf8)),
                                      RuleFile(path: FixPlan.rulesFile, bytes: Array(rules.utf8))])
        #expect(lint.errorCount == 0, "\(lint.findings.filter { $0.severity == .error })")
    }

    @Test func withoutImmutableNoLockIsWritten() {
        let files = plan(Fixtures.debian(good: false)).files
        #expect(!files.contains { $0.path == FixPlan.finalizeFile })
        #expect(!files.contains { String(decoding: $0.after, as: UTF8.self).contains("\n-e 2") })
    }

    @Test func unifiedDiffs() {
        #expect(UnifiedDiff.make(old: "a\nb\nc\n", new: "a\nb\nc\n", oldName: "x", newName: "x") == "")
        #expect(UnifiedDiff.make(old: "a\nb\nc\nd\n", new: "a\nB\nc\nd\ne\n", oldName: "x", newName: "x")
                == "--- x\n+++ x\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n")
        #expect(UnifiedDiff.make(old: "", new: "one\n", oldName: "/dev/null", newName: "y") == "--- /dev/null\n+++ y\n@@ -0,0 +1,1 @@\n+one\n")
    }

    @Test func bootArgumentsKeepEverythingElse() {
        #expect(FixPlan.withBootArguments(["ro", "audit=0", "quiet"]) == ["ro", "audit=1", "quiet", "audit_backlog_limit=8192"])
        #expect(FixPlan.withBootArguments(["audit=1", "audit_backlog_limit=16384"]) == ["audit=1", "audit_backlog_limit=16384"])
    }
}
