import AuditLog
import HostIO
import LiveAudit
import Testing

/// Serials that never arrive are losses; late ones are not; auditd's own numbering is apart.
@Suite struct SerialGapsTests {
    private func id(_ serial: UInt64, node: String? = nil) -> EventID { EventID(seconds: 1, milliseconds: 0, serial: serial, node: node) }

    @Test func missingSerialsCountPerNodeAndLateOnesAreTakenBack() {
        var gaps = SerialGaps()
        for serial: UInt64 in [10, 11, 14, 12, 15] { gaps.observe(id(serial), type: .syscall) }
        gaps.observe(id(100, node: "web"), type: .syscall)
        gaps.observe(id(102, node: "web"), type: .syscall)
        gaps.observe(id(9000, node: nil), type: .daemonStart)
        #expect(gaps.counts == ["": 1, "web": 1])
    }

    @Test func theLossReportIsCleanOnlyWhenNothingWasLost() {
        var report = LossReport()
        report.spilledBytes = 1000
        #expect(report.isClean, "spilling loses nothing")
        report.serialGaps = ["": 2]
        #expect(!report.isClean)
        #expect(LossReport.decode(Array(report.json.utf8)) == report)
        let state = AuditdState(parsing: "plugin queue size = 2000\nmax plugin queue depth used = 12\nplugin queue overflow detected = no\n")
        #expect(state.pluginQueueSize == 2000 && state.pluginQueueMaximumDepth == 12 && state.pluginQueueOverflowed == false)
    }
}
