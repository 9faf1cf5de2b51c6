import AuditLog
import AuditReport
import HostIO

/// What `follow` and `plugin` do with each complete event: count it, watch its serial, place
/// and write it (with its alerts under `--detect`); and the losses the stream sees itself.
final class LiveEventSink {
    let live: LiveSearch
    let detection: LiveDetection?
    private var gaps = SerialGaps()
    private(set) var events = 0

    init(search: SearchRun, ownPid: Int, detection: LiveDetection?, probesHost: Bool) {
        live = LiveSearch(search, ownPid: ownPid)
        if probesHost { live.isAlive = ProcessTable.isAlive }
        self.detection = detection
    }

    func take(_ event: AuditEvent, into out: inout OutputBuffer) {
        events += 1
        gaps.observe(event.id, type: event.records[0].type)
        if let detection { detection.take(event, live: live, into: &out) } else { live.take(event, into: &out) }
    }

    /// The alerts only the end of the stream decides.
    func finish(into out: inout OutputBuffer) { detection?.finish(into: &out) }

    /// Serial gaps per node, with the kernel's and auditd's counters when `probingHost`.
    func losses(probingHost: Bool) -> LossReport {
        var report = LossReport()
        report.serialGaps = gaps.counts
        if probingHost { LossProbe.fill(&report, askAuditd: true) }
        return report
    }
}
