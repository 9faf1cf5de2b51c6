import AuditLog

/// The boot as an SVG timeline, like `systemd-analyze plot`: the phases as one band, then
/// each unit of the critical chain as a bar from when it started to when it was active,
/// then the slowest units whose start is unknown, drawn from the start of userspace.
/// Security units are red, auditd green. Self-contained: no scripts, fonts or links.
public enum BootChart {
    static let width = 1000.0, left = 230.0, right = 30.0, rowHeight = 22.0

    public static func svg(_ report: BootTimingReport) -> String {
        let timing = report.timing
        let beforeUserspace = timing.parts.filter { $0.name != "userspace" }.reduce(0) { $0 + $1.seconds }
        var rows: [(label: String, from: Double, to: Double, kind: String)] = []
        var charted: Set<String> = []
        for link in timing.chain {
            guard let active = link.activeAt else { continue }
            let took = link.took ?? 0
            rows.append((link.unit, beforeUserspace + active - took, beforeUserspace + active, kind(link.unit, report)))
            charted.insert(link.unit)
        }
        for unit in report.top where !charted.contains(unit.unit) {
            rows.append((unit.unit + " (start unknown)", beforeUserspace, beforeUserspace + unit.seconds, kind(unit.unit, report) + " unknown"))
        }
        let end = max(timing.total ?? 0, rows.map(\.to).max() ?? 0, beforeUserspace + (timing.userspace ?? 0), 1)
        let scale = (width - left - right) / end
        let height = 90 + Double(rows.count) * rowHeight + 30
        var out: [String] = []
        out.append(##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" viewBox="0 0 \##(Int(width)) \##(Int(height))" font-family="sans-serif" font-size="12">"##)
        out.append(##"<style>.unit{fill:#5b8def}.security{fill:#d9534f}.auditd{fill:#2e9d4f}.unknown{fill-opacity:.45}.axis{stroke:#ccc}.label{fill:#222}</style>"##)
        out.append(##"<rect width="100%" height="100%" fill="#fff"/>"##)
        let title = "Boot: " + (timing.total.map { Timespan.text($0) } ?? "unfinished") + (timing.target.map { ", \($0)" } ?? "")
        out.append(##"<text x="10" y="20" font-size="15" font-weight="bold" class="label">\##(Escaping.xml(title))</text>"##)
        // Seconds axis.
        let step = niceStep(end)
        var tick = 0.0
        while tick <= end + 1e-9 {
            let x = left + tick * scale
            out.append(##"<line class="axis" x1="\##(f(x))" y1="34" x2="\##(f(x))" y2="\##(f(height - 20))"/>"##)
            out.append(##"<text x="\##(f(x))" y="\##(f(height - 6))" text-anchor="middle" fill="#666">\##(f(tick))s</text>"##)
            tick += step
        }
        // Phases.
        let colors = ["firmware": "#9b59b6", "loader": "#8e44ad", "kernel": "#f39c12", "initrd": "#e67e22", "userspace": "#16a085"]
        var x = 0.0
        for part in timing.parts {
            let w = max(part.seconds * scale, 1)
            out.append(##"<rect x="\##(f(left + x * scale))" y="44" width="\##(f(w))" height="26" fill="\##(colors[part.name] ?? "#7f8c8d")"><title>\##(Escaping.xml(part.name)) \##(Timespan.text(part.seconds))</title></rect>"##)
            if w > 60 {
                out.append(##"<text x="\##(f(left + x * scale + 4))" y="61" fill="#fff">\##(Escaping.xml(part.name)) \##(Timespan.text(part.seconds))</text>"##)
            }
            x += part.seconds
        }
        out.append(##"<text x="10" y="61" class="label">boot phases</text>"##)
        for (index, row) in rows.enumerated() {
            let y = 84 + Double(index) * rowHeight
            let w = max((row.to - row.from) * scale, 2)
            out.append(##"<text x="10" y="\##(f(y + 14))" class="label">\##(Escaping.xml(row.label))</text>"##)
            out.append(##"<rect class="\##(row.kind)" x="\##(f(left + row.from * scale))" y="\##(f(y + 3))" width="\##(f(w))" height="\##(f(rowHeight - 6))"><title>\##(Escaping.xml(row.label)) \##(Timespan.text(row.to - row.from))</title></rect>"##)
            let length = row.to > row.from ? Timespan.text(row.to - row.from) : "@" + Timespan.text(row.to - beforeUserspace)
            // Near the right edge the figure goes before the bar.
            let after = left + row.from * scale + w + 4
            let (textX, anchor) = after + 70 > width ? (left + row.from * scale - 4, "end") : (after, "start")
            out.append(##"<text x="\##(f(textX))" y="\##(f(y + 14))" text-anchor="\##(anchor)" fill="#444">\##(length)</text>"##)
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private static func kind(_ unit: String, _ report: BootTimingReport) -> String {
        if unit.hasPrefix("auditd.") { return "auditd" }
        return BootTimingReport.isSecurityRelevant(unit) ? "security" : "unit"
    }

    private static func niceStep(_ end: Double) -> Double {
        for step in [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600] where end / step <= 12 { return step }
        return (end / 10).rounded(.up)
    }

    private static func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : fixed(value, digits: 1)
    }

}
