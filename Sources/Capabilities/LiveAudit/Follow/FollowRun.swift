#if canImport(Glibc)
import Glibc
#endif
import AuditLog
import AuditReport
import HostIO

/// `follow`: a live log read as auditd writes it, each event placed and written as soon as
/// it is complete, until SIGINT or SIGTERM, when everything pending is written.
public struct FollowRun {
    public var search: SearchRun
    /// The live log (`/var/log/audit/audit.log`).
    public var path: String
    /// Where to begin without a saved state: the end, or the oldest file of the rotated set.
    public var fromStart = false
    /// Keeps the position here (and starts from it when it exists).
    public var statePath: String?
    /// Writes the losses (`LossReport.text`) with `note` every `statsInterval` seconds and at the end.
    public var showsStats = false
    public var statsInterval = 60.0
    public var pollInterval = 0.1
    public var quietSeconds = 2.0
    /// Stops after this many seconds (tests, benchmarks); nil runs until a signal.
    public var stopAfter: Double?
    /// `--detect`: alerts beside the events.
    public var detection: LiveDetection?

    public init(search: SearchRun, path: String) {
        self.search = search
        self.path = path
    }

    /// Runs until stopped; `write` gets the output as it is made, `note` what people should hear.
    public func run(write: (inout OutputBuffer) throws -> Void, note: (String) -> Void) throws -> LiveRunResult {
        let saved = try statePath.flatMap { try FollowState.load($0) }
        let start: FollowedLog.Start = saved.map { .position($0.position) } ?? (fromStart ? .oldest : .end)
        let log = try FollowedLog(path: path, start: start)
        var grouper = LiveGrouper()
        grouper.quietSeconds = quietSeconds
        grouper.alreadyEmitted = saved?.printedIDs ?? []
        if let current = log.current { grouper.startSource(current.path, line: current.line) }
        let sink = LiveEventSink(search: search, ownPid: Int(getpid()), detection: detection, probesHost: true)
        var out = OutputBuffer()
        let began = LiveSignals.monotonicNow()
        var lastSave = 0.0, lastStats = began
        var savedState = saved
        var notesShown = 0
        let take = { (event: AuditEvent) in sink.take(event, into: &out) }
        func save(force: Bool) throws {
            guard let statePath, let position = grouper.resumePosition else { return }
            let state = FollowState(position: position, printed: grouper.emittedAfterResume)
            guard state != savedState, force || LiveSignals.monotonicNow() - lastSave >= 0.25 else { return }
            try state.save(statePath)
            savedState = state
            lastSave = LiveSignals.monotonicNow()
        }
        while !LiveSignals.stopRequested {
            let read = try log.poll(bytes: { bytes, position in
                try grouper.add(bytes, at: position, now: LiveSignals.monotonicNow()) { try take($0) }
                // A backlog is read in one poll: its output goes out as it is made, not at the end.
                if out.count > 1 << 20 { try write(&out) }
            }, fileEnded: {
                try grouper.endOfFile { try take($0) }
            }, fileStarted: { name, line in grouper.startSource(name, line: line) })
            let now = LiveSignals.monotonicNow()
            grouper.tick(now: now) { take($0) }
            if out.count > 0 { try write(&out) }
            try save(force: false)
            for text in log.notes.dropFirst(notesShown) { note(text) }
            notesShown = log.notes.count
            if showsStats, now - lastStats >= statsInterval {
                note("dockaudit follow: \(sink.losses(probingHost: true).text)")
                lastStats = now
            }
            if let stopAfter, now - began >= stopAfter { break }
            if read == 0 { LiveSignals.sleep(pollInterval) }
        }
        grouper.finish(takingPartialLine: false) { take($0) }
        sink.finish(into: &out)
        if out.count > 0 { try write(&out) }
        try save(force: true)
        let report = showsStats ? sink.losses(probingHost: true) : LossReport()
        if showsStats { note("dockaudit follow: \(report.text)") }
        if let detection, detection.acceptedCount > 0 {
            let list = detection.accepted.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            note("dockaudit follow: \(detection.acceptedCount) alerts accepted by the allowlist (\(list))")
        }
        return LiveRunResult(written: sink.live.matched, diagnostics: grouper.diagnostics, losses: report)
    }
}

/// What a live run did: the events it wrote, the lines it skipped, and the losses it counted.
public struct LiveRunResult: Sendable {
    public var written: Int
    public var diagnostics: Diagnostics
    public var losses: LossReport
}
