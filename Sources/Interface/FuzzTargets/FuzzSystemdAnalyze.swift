import AuditLog
import BootAnalysis
import Foundation

/// `systemd-analyze`, `blame` and `critical-chain` text, and an audit log, as `boot` reads
/// them: no trap on any number, text with no control byte, JSON that parses, an SVG chart.
public enum FuzzSystemdAnalyze {
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let parts = Fuzz.parts(UnsafeRawBufferPointer(start: data, count: size), count: 4)
        var timing = BootTiming()
        timing.readTime(String(decoding: parts[0], as: UTF8.self))
        timing.readBlame(String(decoding: parts[1], as: UTF8.self))
        timing.readCriticalChain(String(decoding: parts[2], as: UTF8.self))
        let path = parts[3].withUnsafeBytes { Fuzz.file($0, name: "boot-log") }
        let (events, _) = Fuzz.readAndWrite(path)
        let history = BootHistory(events: events)
        let timingReport = BootTimingReport(timing: timing)
        let report = BootReport(timing: timingReport, timingUnavailable: nil, boots: history.boots,
                                verdicts: RebootVerdicts.judge(history.boots, windows: []), comparison: nil, logNote: nil)
        Fuzz.require(Fuzz.isTerminalSafe(Array(report.text().utf8)), "boot text lets a control byte through")
        Fuzz.require(Fuzz.isJSON(Array(report.json().utf8)), "boot JSON does not parse")
        let svg = BootChart.svg(timingReport)
        Fuzz.require(!svg.contains("<script") && !svg.contains("javascript:"), "live content in the chart")
        for line in timing.unreadable { Fuzz.require(Fuzz.isTerminalSafe(Array(Escaping.terminal(line).utf8)), "unescaped skip note") }
    }
}
