#if canImport(Glibc)
import Glibc
#endif
import AuditLog
import AuditReport
import HostIO

/// `plugin`: auditd's plugin. Reads auditd's string format on standard input (EOE records,
/// ENRICHED fields, `node=` prefixes), writes each event enriched as JSON, and never makes
/// auditd wait: a reader thread only moves bytes into a `SpillQueue`, and the events are
/// made on this thread, behind it. At the end of input, or on SIGTERM once what was read is
/// done, it writes every pending event and its last stats line, and returns.
public struct PluginRun {
    public var search: SearchRun
    public var output: LiveOutput.Target
    /// The spill file, stats and restart count live here.
    public var stateDirectory = "/var/lib/dockaudit/plugin"
    public var queueBytes = 8 << 20
    public var spillLimit = 1 << 30
    /// A stats line (`"type":"DOCKAUDIT_STATS"`) goes out this often, and at the end.
    public var statsInterval = 60.0
    public var quietSeconds = 2.0
    /// Under auditd on this host: asks auditd for its dispatcher report with each stats line,
    /// and forgets processes once gone from /proc. Off for a recorded stream piped in.
    public var probesHost = true
    public var input: Int32 = 0
    /// `--detect`: alerts beside the events.
    public var detection: LiveDetection?

    public init(search: SearchRun, output: LiveOutput.Target) {
        self.search = search
        self.output = output
    }

    public func run(note: (String) -> Void) throws -> LiveRunResult {
        let directory = try StateDirectory(stateDirectory)
        let restarts = Self.countStart(in: directory)
        let queue = try SpillQueue(memoryLimit: queueBytes, spillPath: directory.file("spill"), spillLimit: spillLimit)
        let output = try LiveOutput(self.output)
        _ = DescriptorReader(fd: input, body: { queue.push($0) }, ended: { queue.close() })
        var grouper = LiveGrouper()
        grouper.quietSeconds = quietSeconds
        grouper.startSource("<standard input>")
        let sink = LiveEventSink(search: search, ownPid: Int(getpid()), detection: detection, probesHost: probesHost)
        var out = OutputBuffer()
        var lastStats = LiveSignals.monotonicNow()
        func take(_ event: AuditEvent) { sink.take(event, into: &out) }
        func losses() -> LossReport {
            var report = sink.losses(probingHost: probesHost)
            report.pluginRestarts = restarts
            let counters = queue.snapshot
            report.spilledBytes = counters.spilledBytes
            report.spills = counters.spills
            report.droppedBytes = counters.droppedBytes
            report.recoveredBytes = counters.recoveredBytes
            report.outputDroppedBytes = output.droppedBytes
            return report
        }
        @discardableResult
        func writeStats() throws -> LossReport {
            let report = losses()
            JSONWriter.write(into: &out) { json in
              json.object { o in
                o.member("type", "DOCKAUDIT_STATS")
                o.member("events", sink.events)
                o.member("written", sink.live.matched)
                o.member("alerts", detection?.alerts ?? 0)
                o.member("accepted_alerts", detection?.acceptedCount ?? 0)
                o.member("processes", sink.live.trackedProcesses)
                o.member("maximum_queued_bytes", queue.snapshot.maximumQueuedBytes)
                o.key("losses")
                o.raw(report.json)
              }
            }
            out.append("\n")
            try directory.write(Array(report.json.utf8), to: "stats.json")
            return report
        }
        var stopping = false
        loop: while true {
            if LiveSignals.stopRequested { stopping = true }
            if LiveSignals.takeReload() {
                try output.reopen()
                try writeStats()
            }
            switch queue.pop(timeout: stopping ? 0.05 : 0.25) {
            case .bytes(let bytes):
                bytes.withUnsafeBytes { grouper.add($0, at: nil, now: LiveSignals.monotonicNow(), emit: take) }
            case .timedOut:
                if stopping { break loop }
                grouper.tick(now: LiveSignals.monotonicNow(), emit: take)
            case .closed:
                break loop
            }
            let now = LiveSignals.monotonicNow()
            if now - lastStats >= statsInterval {
                try writeStats()
                lastStats = now
            }
            if out.count > 0 { try output.write(&out) }
        }
        grouper.finish(emit: take)
        sink.finish(into: &out)
        let report = try writeStats()
        try output.write(&out)
        directory.remove("running")
        if output.pendingBytes > 0 { note("dockaudit plugin: \(output.pendingBytes) bytes not taken by \(self.output)") }
        return LiveRunResult(written: sink.live.matched, diagnostics: grouper.diagnostics, losses: report)
    }

    /// Counts this start as a restart when the last run did not stop cleanly (its marker is still there).
    private static func countStart(in directory: StateDirectory) -> Int {
        var restarts = directory.read("restarts").flatMap { Int(String(decoding: $0, as: UTF8.self).trimmedBlanks()) } ?? 0
        if directory.exists("running") {
            restarts += 1
            try? directory.write(Array("\(restarts)\n".utf8), to: "restarts")
        }
        try? directory.write(Array("\(getpid())\n".utf8), to: "running")
        return restarts
    }
}
