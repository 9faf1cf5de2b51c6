import AuditLog
import HostIO

/// One of aureport's reports over a set of log files, written as it is read: detailed
/// rows stream out (memory stays bounded), summaries are written at the end.
public struct AureportRun {
    public var kind: ReportKind
    /// Totals per item (`--summary`) instead of one line per event.
    public var summary: Bool
    public var outcome: Outcome
    public var json: Bool
    public var text: AureportText
    public var criteria: SearchCriteria
    public var onProgress: ((Int) -> Void)?

    public init(kind: ReportKind, summary: Bool, outcome: Outcome, json: Bool, text: AureportText, criteria: SearchCriteria) {
        self.kind = kind
        self.summary = summary
        self.outcome = outcome
        self.json = json
        self.text = text
        self.criteria = criteria
    }

    /// Reads `files` and writes the report through `write`. Returns how many events the
    /// report counted, and the stream's diagnostics (skipped lines).
    ///
    /// Events are tallied in batches on the scan's worker threads; the batches' tallies and
    /// rows are merged in the order of the events, so the report is the one a single pass
    /// would write. `write` is called on one thread at a time, not always the caller's.
    public func run(files: [String], write: @escaping @Sendable (String) throws -> Void) throws -> (counted: Int, diagnostics: Diagnostics) {
        if kind == .time { return try timeRange(files: files, write: write) }
        let perEvent = !summary && kind != .summary
        if !json { try write(text.heading(kind, summary: !perEvent, outcome: outcome)) }
        if json && perEvent { try write(ReportJSON.start(kind)) }
        var stream = EventStream()
        stream.onProgress = onProgress
        let (kind, outcome, criteria, json, text) = (kind, outcome, criteria, json, text)
        let merged = MergedReport(kind: kind, outcome: outcome)
        let needs = merged.tally.needs(perEvent: perEvent)
        try stream.scan(LogFiles.open(files), workers: 2, makePartial: { ReportBatch(kind: kind, outcome: outcome) },
                        fill: { event, _, batch in
            batch.tally.observe(event.id)
            guard criteria.matches(event) else { return }
            let reportEvent = ReportEvent(event, needs: needs)
            guard batch.tally.outcomeMatches(reportEvent) else { return }
            if perEvent {
                if let row = batch.tally.row(for: reportEvent) { batch.rows.append(row) }
            } else {
                batch.counted += 1
                batch.tally.tally(reportEvent)
            }
        }, deliver: { batch in
            merged.tally.merge(batch.tally)
            merged.counted += batch.counted
            for row in batch.rows {
                merged.counted += 1
                if json {
                    merged.pending += (merged.counted > 1 ? ReportJSON.rowSeparator : "") + ReportJSON.row(row, kind: kind)
                } else {
                    merged.pending += text.line(row, number: merged.counted)
                }
            }
            batch = ReportBatch(kind: kind, outcome: outcome)
            if merged.pending.utf8.count >= 1 << 16 {
                try write(merged.pending)
                merged.pending = ""
            }
        })
        try write(merged.pending)
        let (tally, counted) = (merged.tally, merged.counted)
        if perEvent {
            if json { try write(ReportJSON.end) } else if counted == 0 { try write(AureportText.nothingFound) }
        } else if kind == .summary {
            try write(json ? ReportJSON.summary(tally.counters) : text.summary(tally, start: criteria.start, end: criteria.end))
        } else {
            try write(json ? ReportJSON.totals(tally) : text.totals(tally))
        }
        return (counted, stream.diagnostics)
    }

    /// aureport `-t`: each file's first and last event.
    private func timeRange(files: [String], write: (String) throws -> Void) throws -> (counted: Int, diagnostics: Diagnostics) {
        var ranges: [(file: String, first: EventID, last: EventID)] = []
        var diagnostics = Diagnostics()
        for file in files {
            var stream = EventStream()
            var first: EventID?, last: EventID?
            try stream.scan(files: [file]) { event in
                if first == nil { first = event.id }
                last = event.id
            }
            diagnostics.merge(stream.diagnostics)
            if let first, let last { ranges.append((file, first, last)) }
        }
        func stamp(_ id: EventID) -> String { TimeText.interpretStyle(id.seconds, milliseconds: id.milliseconds) }
        if json {
            func rfc3339(_ id: EventID) -> String { TimeText.rfc3339(id.seconds, milliseconds: id.milliseconds) }
            var json = JSONWriter()
            json.object { o in
                o.member("report", "time")
                o.key("files")
                o.array(ranges, oneALine: true) { json, range in
                    json.object { f in
                        f.member("file", range.file)
                        f.member("first", rfc3339(range.first))
                        f.member("last", rfc3339(range.last))
                    }
                }
            }
            try write(json.text(terminator: "\n"))
        } else {
            try write(text.heading(.time, summary: false, outcome: .any))
            for range in ranges { try write("\(range.file): \(stamp(range.first)) - \(stamp(range.last))\n") }
        }
        return (ranges.count, diagnostics)
    }
}

/// One batch's share of a report: its tally, and the rows of a detailed report.
private struct ReportBatch: Sendable {
    var tally: AureportTally
    var rows: [ReportRow] = []
    var counted = 0

    init(kind: ReportKind, outcome: Outcome) { tally = AureportTally(kind: kind, outcome: outcome) }
}

/// The batches merged so far, with the text not yet written; only the delivering thread touches it.
private final class MergedReport: @unchecked Sendable {
    var tally: AureportTally
    var counted = 0
    var pending = ""

    init(kind: ReportKind, outcome: Outcome) { tally = AureportTally(kind: kind, outcome: outcome) }
}
