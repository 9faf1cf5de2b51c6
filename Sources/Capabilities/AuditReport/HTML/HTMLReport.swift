import AuditLog
import BootAnalysis
import HostCheck

/// The one-file HTML report: inline CSS and SVG, no scripts, no fetches; readable offline
/// and attachable to a ticket. Every value from the log or the host is escaped.
public struct HTMLReport {
    public var host: String
    package var generated: Int64
    public var files: [String]
    package var overview: LogOverview
    /// The host's audit posture, or why it could not be judged.
    public var posture: Result<CheckReport, ReportGap>
    /// The boot timing, or why there is none.
    package var bootTiming: Result<BootTimingReport, ReportGap>
    /// How many boots the log holds, and the verdict on each reboot between them.
    package var bootCount: Int
    public var reboots: [RebootVerdict]
    /// Containers with their event counts, most active first.
    public var containers: Result<[(label: String, events: Int)], ReportGap>
    public var userName: (UInt32) -> String?
    /// Events of dockaudit's own processes the overview left out.
    package var ownLeftOut: Int

    /// Why a section has nothing to show.
    public struct ReportGap: Error, Sendable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    public init(host: String, generated: Int64, files: [String], overview: LogOverview,
                posture: Result<CheckReport, ReportGap>, bootTiming: Result<BootTimingReport, ReportGap>,
                bootCount: Int, reboots: [RebootVerdict], containers: Result<[(label: String, events: Int)], ReportGap>,
                userName: @escaping (UInt32) -> String?, ownLeftOut: Int = 0) {
        self.ownLeftOut = ownLeftOut
        self.host = host
        self.generated = generated
        self.files = files
        self.overview = overview
        self.posture = posture
        self.bootTiming = bootTiming
        self.bootCount = bootCount
        self.reboots = reboots
        self.containers = containers
        self.userName = userName
    }

    public func render() -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        page += "<title>dockaudit report — \(e(host))</title><style>\(Self.style)</style></head><body>\n"
        page += "<header><h1>Audit report for \(e(host))</h1><p>Generated \(e(TimeText.interpretStyle(generated))) by dockaudit from "
        page += files.map { "<code>\(e($0))</code>" }.joined(separator: ", ") + ".</p>"
        if ownLeftOut > 0 {
            page += "<p class=\"note\">Left out: \(Wording.count(ownLeftOut, "event")) of dockaudit's own processes (report --include-own shows them).</p>"
        }
        page += "</header>\n"
        page += needsALookSection() + summarySection() + timelineSection() + topSection() + failuresSection()
        page += postureSection() + bootSection() + rebootSection() + appendixSection()
        return page + "<footer>Values from the log are shown as text, never as markup.</footer></body></html>\n"
    }

    private func e(_ text: String) -> String { Escaping.xml(text) }

    private func section(_ id: String, _ title: String, _ body: String) -> String {
        "<section id=\"\(id)\"><h2>\(title)</h2>\n\(body)\n</section>\n"
    }

    private func gap(_ reason: String) -> String { "<p class=\"none\">\(e(reason))</p>" }

    /// Lists of up to this many entries are open; longer ones are collapsed.
    static let openListLimit = 5

    private func needsALookSection() -> String {
        let look = overview.needsALook
        guard !look.isEmpty else {
            return section("look", "Needs a look", "<p class=\"none\">Nothing in the log: no container started with host access, "
                           + "no sudo command, no change to Docker's or the audit configuration, no failed login.</p>")
        }
        var body = ""
        for kind in NeedsALook.Kind.allCases {
            guard let count = look.counts[kind], let entries = look.entries[kind] else { continue }
            body += "<details class=\"look\" id=\"look-\(kind.rawValue)\"\(count <= Self.openListLimit ? " open" : "")>"
            body += "<summary>\(e(kind.title)) (\(count))</summary><ul>"
            for entry in entries { body += "<li><a href=\"#\(anchor(entry.event.id))\">\(e(entry.text))</a></li>" }
            if count > entries.count { body += "<li>… and \(count - entries.count) more, not listed here</li>" }
            body += "</ul></details>\n"
        }
        return section("look", "Needs a look", body)
    }

    /// Every event "Needs a look" links to, with its records as the log has them.
    private func appendixSection() -> String {
        var seen = Set<EventID>()
        var body = ""
        for kind in NeedsALook.Kind.allCases {
            for entry in overview.needsALook.entries[kind] ?? [] where seen.insert(entry.event.id).inserted {
                let records = entry.event.records.map { e(String(decoding: $0.bytes.map { $0 == 0x1D ? 0x20 : $0 }, as: UTF8.self)) }.joined(separator: "\n")
                body += "<div class=\"event\" id=\"\(anchor(entry.event.id))\"><h3>\(e(TimeText.interpretStyle(entry.event.id.seconds)))"
                body += ", event \(entry.event.id.serial)</h3><pre>\(records)</pre></div>\n"
            }
        }
        guard !body.isEmpty else { return "" }
        return section("appendix", "Appendix: the events that need a look", body)
    }

    private func anchor(_ id: EventID) -> String {
        let node = id.node.map { "-" + String($0.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) } ?? ""
        return "event-\(id.seconds)-\(id.milliseconds)-\(id.serial)" + node
    }

    private func postureSection() -> String {
        switch posture {
        case .failure(let gap): return section("posture", "Audit posture", self.gap(gap.reason))
        case .success(let report):
            let score = report.score
            var body = "<p class=\"score\">\(score.passed) of \(score.decided) checks pass; "
            body += "\(report.count(.fail)) fail, \(report.count(.warn)) warn.</p><table><tr><th>Check</th><th>Status</th><th>Evidence</th><th>Remediation</th></tr>"
            func rows(_ results: [CheckResult]) -> String {
                results.map { result in
                    "<tr class=\"\(result.status.rawValue)\"><td>\(e(result.title))<br><code>\(e(result.id))</code></td>"
                        + "<td class=\"status\">\(result.status.rawValue)</td><td>\(result.evidence.map(e).joined(separator: "<br>"))</td>"
                        + "<td>\(result.remediation.map { "<code>\(e($0))</code>" } ?? "")</td></tr>"
                }.joined()
            }
            let needsWork = report.results.filter { $0.status == .fail || $0.status == .warn }
            body += rows(needsWork) + "</table>"
            let rest = report.results.filter { $0.status != .fail && $0.status != .warn }
            body += "<details><summary>The other \(rest.count) checks (pass, not applicable, skipped)</summary><table>"
            body += rows(rest)
            return section("posture", "Audit posture", body + "</table>")
        }
    }

    private func summarySection() -> String {
        var body = "<div class=\"counters\">"
        for line in overview.summary.counters.lines {
            body += "<div><span class=\"n\">\(line.value)</span><span>\(e(line.words))</span></div>"
        }
        if let first = overview.summary.first, let last = overview.summary.last {
            body += "</div><p>From \(e(TimeText.interpretStyle(first.seconds))) to \(e(TimeText.interpretStyle(last.seconds))) (the figures of <code>aureport --summary</code>).</p>"
        } else {
            body += "</div>"
        }
        return section("summary", "Summary", body)
    }

    private func timelineSection() -> String {
        let minutes = overview.perMinute.keys.sorted()
        guard let first = minutes.first, let last = minutes.last else { return section("timeline", "Events over time", gap("No events.")) }
        let spanMinutes = last - first + 1
        let bucketMinutes: Int64 = spanMinutes <= 180 ? 1 : spanMinutes <= 180 * 60 ? 60 : 1440
        var totals: [String: Int] = [:]
        for counts in overview.perMinute.values { for (key, n) in counts { totals[key, default: 0] += n } }
        let named = totals.filter { !$0.key.isEmpty }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(6).map(\.key)
        let series = named + ["other keys", "no key"]
        var buckets: [Int64: [Int]] = [:]
        for (minute, counts) in overview.perMinute {
            let start = (minute / bucketMinutes) * bucketMinutes * 60
            var row = buckets[start] ?? Array(repeating: 0, count: series.count)
            for (key, n) in counts {
                let index = key.isEmpty ? series.count - 1 : named.firstIndex(of: key) ?? series.count - 2
                row[index] += n
            }
            buckets[start] = row
        }
        let unit = bucketMinutes == 1 ? "minute" : bucketMinutes == 60 ? "hour" : "day"
        let chart = SVGCharts.timeline(buckets: buckets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                       series: series, bucketSeconds: bucketMinutes * 60)
        return section("timeline", "Events per \(unit), by rule key", chart)
    }

    private func topSection() -> String {
        let top = 10
        func named(_ list: HitList<Int64>) -> [(label: String, value: Int)] {
            list.sortedByHits().prefix(top).map { (userName(UInt32(truncatingIfNeeded: $0.item)) ?? "uid \($0.item)", $0.hits) }
        }
        func plain(_ list: HitList<String>) -> [(label: String, value: Int)] { list.sortedByHits().prefix(top).map { ($0.item, $0.hits) } }
        var body = "<div class=\"grid\">"
        body += "<div><h3>Login users</h3>\(SVGCharts.bars(named(overview.users), color: SVGCharts.palette[0]))</div>"
        body += "<div><h3>Rule keys</h3>\(SVGCharts.bars(plain(overview.keys), color: SVGCharts.palette[1]))</div>"
        body += "<div><h3>Programs</h3>\(SVGCharts.bars(plain(overview.programs), color: SVGCharts.palette[2]))</div>"
        body += "<div><h3>Files</h3>\(SVGCharts.bars(plain(overview.files), color: SVGCharts.palette[4]))</div>"
        switch containers {
        case .success(let list):
            body += "<div><h3>Containers</h3>\(SVGCharts.bars(Array(list.prefix(top)).map { ($0.label, $0.events) }, color: SVGCharts.palette[5]))</div>"
        case .failure(let gap):
            body += "<div><h3>Containers</h3>\(self.gap(gap.reason))</div>"
        }
        return section("top", "Who and what", body + "</div>")
    }

    private func failuresSection() -> String {
        var body = "<div class=\"grid\"><div><h3>Failed syscalls</h3>"
        body += SVGCharts.bars(overview.failedSyscalls.sortedByHits().prefix(10).map { ($0.item, $0.hits) }, color: SVGCharts.palette[3])
        let anomalies = overview.anomalies
        body += "</div><div><h3>Anomalies (\(anomalies.eventCount))</h3>"
        if anomalies.groups.isEmpty {
            body += gap("No anomaly events.")
        } else {
            let shown = 50
            body += "<ul class=\"anomalies\">" + zip(anomalies.groups, anomalies.lines()).prefix(shown).map { group, line in
                "<li\(group.benign == nil ? "" : " class=\"benign\"")>\(e(line))</li>"
            }.joined()
            if anomalies.groups.count > shown { body += "<li>… and \(anomalies.groups.count - shown) more kinds</li>" }
            body += "</ul>"
        }
        return section("failures", "Failures and anomalies", body + "</div></div>")
    }

    private func bootSection() -> String {
        switch bootTiming {
        case .failure(let gap): return section("boot", "Boot", self.gap(gap.reason))
        case .success(let report):
            var body = BootChart.svg(report)
            body += "<table><tr><th>Slowest units</th><th>Seconds</th></tr>"
            for unit in report.top { body += "<tr><td>\(e(unit.unit))</td><td>\(String(format3(unit.seconds)))</td></tr>" }
            return section("boot", "Boot", body + "</table>")
        }
    }

    private func rebootSection() -> String {
        let suspicious = reboots.filter(\.suspicious)
        guard bootCount > 0 else { return section("reboots", "Reboots", gap("No boots in the log.")) }
        let boots = bootCount == 1 ? "1 boot" : "\(bootCount) boots"
        guard !reboots.isEmpty else { return section("reboots", "Reboots", "<p>\(boots) in the log, so no reboot to judge.</p>") }
        let judged = reboots.count == 1 ? "its reboot" : "its \(reboots.count) reboots"
        guard !suspicious.isEmpty else { return section("reboots", "Reboots", "<p>\(boots) in the log; none of \(judged) is suspicious.</p>") }
        var body = "<ul>"
        for verdict in suspicious {
            body += "<li class=\"fail\">Boot \(verdict.boot) at \(e(TimeText.interpretStyle(Int64(verdict.at)))): \(verdict.reasons.map(e).joined(separator: "; "))</li>"
        }
        return section("reboots", "Suspicious reboots", body + "</ul>")
    }

    private func format3(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    static let style = """
    li.benign{color:#666}
    details.look{margin:4px 0;background:#fbe3d0;border-left:4px solid #e07b39;padding:4px 8px}details.look summary{font-weight:600;cursor:pointer}
    details.look li{margin:2px 0}div.event pre{font:12px ui-monospace,monospace;background:#f4f4f4;padding:6px;white-space:pre-wrap;word-break:break-all}
    body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 24px;color:#222;background:#fff}
    header{border-bottom:3px solid #2f6fab;margin-bottom:8px}h1{font-size:24px;margin:16px 0 4px}
    h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:2px;margin-top:28px}h3{font-size:15px;margin:8px 0}
    code{font:12px ui-monospace,monospace;background:#f4f4f4;padding:1px 3px;word-break:break-all}
    table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
    tr.fail td.status{color:#fff;background:#c0392b}tr.warn td.status{background:#f1c40f}tr.pass td.status{color:#fff;background:#3a9d5d}
    .counters{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:6px}
    .counters div{background:#f4f7fb;padding:6px 8px;border-radius:4px}.counters .n{display:block;font-size:20px;font-weight:600}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px}
    .label,.value,.axis{font:12px system-ui,sans-serif;fill:#333}.none{color:#777;font-style:italic}.score{font-size:16px}
    li.fail{color:#c0392b}footer{margin:32px 0 16px;color:#888;font-size:12px}
    """
}
