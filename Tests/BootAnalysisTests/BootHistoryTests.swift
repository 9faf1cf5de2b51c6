import AuditLog
import Foundation
import Testing
import BootAnalysis

/// Boots, shutdowns and reboot verdicts from a log in the exact record formats auditd writes
/// (made by scripts/fixtures/make-boots-log.py from record lines of real logs).
struct BootHistoryTests {
    private func history() throws -> BootHistory {
        let text = try BootTimingTests.fixture("boots.log")
        return BootHistory(events: EventStream.events(in: text))
    }

    @Test func findsEveryBootAndHowItEnded() throws {
        let boots = try history().boots
        #expect(boots.count == 4)
        #expect(boots.map(\.markers) == Array(repeating: ["KERNEL", "DAEMON_START", "SYSTEM_BOOT"], count: 4))
        #expect(boots.map(\.cleanShutdown) == [true, false, true, true])
        #expect(boots[0].shutdownMarkers == ["SYSTEM_RUNLEVEL 0", "SYSTEM_SHUTDOWN", "DAEMON_END"])
        #expect(boots[0].auditdStarted.map { $0 - boots[0].start } == 1.5)
        #expect(boots[0].recordsBeforeAuditd == 4)
        #expect(boots[0].services.filter(\.started).count == 6 && boots[0].services.filter { !$0.started }.count == 6)
        #expect(boots[2].failedUnits == ["cron"])
        #expect(boots[2].auditDisabledAt.count == 1)
        #expect(boots[2].auditdGaps.map { Int($0.to - $0.from) } == [600])
    }

    @Test func judgesEveryReboot() throws {
        setenv("TZ", "UTC", 1)
        tzset()
        let boots = try history().boots
        let window = try #require(MaintenanceWindow("Sun 02:00-04:00"))
        let verdicts = RebootVerdicts.judge(boots, windows: [window])
        #expect(verdicts.map(\.boot) == [2, 3, 4])
        #expect(verdicts.map(\.suspicious) == [false, true, true])
        #expect(verdicts[1].reasons.count == 3)
        #expect(verdicts[1].reasons[0].hasPrefix("no clean shutdown before it"))
        #expect(verdicts[1].reasons[1] == "outside the maintenance windows (Sun 02:00-04:00)")
        #expect(verdicts[1].reasons[2] == "the audit rules changed across it: +add_rule key=kmod-load list=4, -add_rule key=audit-config list=4")
        #expect(verdicts[2].reasons.contains("audit was disabled (audit_enabled=0) during boot 3, before this reboot"))
        #expect(verdicts[2].reasons.contains("auditd was stopped for 600 s during boot 3"))
    }

    @Test func comparesTwoBoots() throws {
        let boots = try history().boots
        let comparison = BootComparison(boots[0], boots[2])
        #expect(comparison.newUnits == ["kworker-helper"] && comparison.goneUnits.isEmpty)
        #expect(comparison.slower.map(\.unit) == ["docker"])
        #expect(abs(comparison.slower[0].before - 2.9) < 1e-3 && abs(comparison.slower[0].after - 9.5) < 1e-3)
    }

    @Test func maintenanceWindows() throws {
        setenv("TZ", "UTC", 1)
        tzset()
        let sunday = 1_699_756_200.0   // Sun 2023-11-12 02:30 UTC
        #expect(MaintenanceWindow("Sun 02:00-04:00")!.contains(sunday))
        #expect(!MaintenanceWindow("Mon 02:00-04:00")!.contains(sunday))
        #expect(MaintenanceWindow("daily 02:00-02:31")!.contains(sunday))
        #expect(MaintenanceWindow("Sat 23:00-03:00")!.contains(sunday))   // past midnight into Sunday
        #expect(MaintenanceWindow("Fri-Sun 00:00-06:00")!.contains(sunday))
        #expect(MaintenanceWindow("Sunday") == nil && MaintenanceWindow("Sun 25:00-26:00") == nil)
    }

    @Test func aLogWithoutBootsAndTheRealCorpus() throws {
        let plain = BootHistory(events: EventStream.events(in: "type=SYSCALL msg=audit(1700000000.000:10): arch=c000003e syscall=1 success=yes exit=1\n"))
        #expect(plain.boots.count == 1 && plain.boots[0].markers == ["log start"])
        #expect(RebootVerdicts.judge(plain.boots, windows: []).isEmpty)
        #expect(BootHistory(events: []).boots.isEmpty)
        // The AIT intranet server log (when ../shared is there): real SERVICE_START/STOP records.
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpora/public/ait-aecid+LLM-log-parsing/audit_templates/russelmitchell_intranet_server_audit.log")
        guard let text = try? String(contentsOf: corpus, encoding: .utf8) else { return }
        let ait = BootHistory(events: EventStream.events(in: text))
        let services = ait.boots.flatMap(\.services)
        #expect(services.filter(\.started).count == 241 && services.filter { !$0.started }.count == 230)
        #expect(services.allSatisfy { !$0.unit.isEmpty })
    }

    /// A rotation is not a loss; a second DAEMON_START within a boot is a restart; an abort is a loss.
    @Test func rotationsAreNotLossesAndRestartsAreSaid() {
        let text = """
            type=DAEMON_START msg=audit(1796160000.000:100): op=start ver=3.0.9 format=enriched kernel=6.1.0 auid=4294967295 pid=100 uid=0 ses=4294967295 res=success
            type=DAEMON_ROTATE msg=audit(1796160100.000:101): op=rotate-logs auid=0 pid=200 subj=? res=success
            type=DAEMON_START msg=audit(1796160200.000:102): op=start ver=3.0.9 format=enriched kernel=6.1.0 auid=4294967295 pid=300 uid=0 ses=4294967295 res=success
            type=DAEMON_ABORT msg=audit(1796160300.000:103): op=abort auid=4294967295 pid=300 subj=? res=failed
            """
        let boots = BootHistory(events: EventStream.events(in: text)).boots
        #expect(boots.count == 1)
        #expect(boots.first?.auditdRestarts == [1_796_160_200])
        #expect(boots.first?.losses.map(\.what) == ["DAEMON_ABORT"])
    }
}
