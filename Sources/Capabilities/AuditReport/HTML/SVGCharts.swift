import AuditLog

/// The report's charts, as inline SVG made here (no scripts, no fetches). Labels are escaped.
enum SVGCharts {
    static let palette = ["#2f6fab", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#16a085", "#b8860b", "#7f8c8d"]

    /// Horizontal bars, one per item, longest first, with the count at the end.
    static func bars(_ items: [(label: String, value: Int)], color: String = palette[0], width: Int = 560) -> String {
        guard let largest = items.map(\.value).max(), largest > 0 else { return "<p class=\"none\">None in the log.</p>" }
        let rowHeight = 22, labelWidth = 240, barSpace = width - labelWidth - 70
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\(quoted(items.count * rowHeight + 4)) role=\"img\">"
        for (index, item) in items.enumerated() {
            let y = index * rowHeight + 2
            let length = max(2, item.value * barSpace / largest)
            svg += "<text x=\"0\" y=\(quoted(y + 15)) class=\"label\">\(Escaping.xml(shortened(item.label, to: 34)))<title>\(Escaping.xml(item.label))</title></text>"
            svg += "<rect x=\"\(labelWidth)\" y=\(quoted(y + 3)) width=\(quoted(length)) height=\"15\" fill=\"\(color)\"/>"
            svg += "<text x=\(quoted(labelWidth + length + 6)) y=\(quoted(y + 15)) class=\"value\">\(item.value)</text>"
        }
        return svg + "</svg>"
    }

    /// Events over time, stacked by series (rule keys), with a legend.
    static func timeline(buckets: [(start: Int64, counts: [Int])], series: [String], bucketSeconds: Int64,
                         width: Int = 900, height: Int = 220) -> String {
        guard let first = buckets.first, let last = buckets.last else { return "<p class=\"none\">No events.</p>" }
        let largest = max(1, buckets.map { $0.counts.reduce(0, +) }.max() ?? 1)
        let plotLeft = 50, plotTop = 10, plotHeight = height - 60, plotWidth = width - plotLeft - 10
        let span = max(1, (last.start - first.start) / bucketSeconds + 1)
        let barWidth = max(1, plotWidth / Int(span) - 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\">"
        svg += "<line x1=\"\(plotLeft)\" y1=\(quoted(plotTop + plotHeight)) x2=\(quoted(width - 10)) y2=\(quoted(plotTop + plotHeight)) stroke=\"#999\"/>"
        svg += "<text x=\"\(plotLeft - 6)\" y=\"\(plotTop + 10)\" class=\"axis\" text-anchor=\"end\">\(largest)</text>"
        svg += "<text x=\"\(plotLeft - 6)\" y=\"\(plotTop + plotHeight)\" class=\"axis\" text-anchor=\"end\">0</text>"
        for bucket in buckets {
            let x = plotLeft + Int((bucket.start - first.start) / bucketSeconds) * plotWidth / Int(span)
            var top = plotTop + plotHeight
            for (index, count) in bucket.counts.enumerated() where count > 0 {
                let h = max(1, count * plotHeight / largest)
                top -= h
                svg += "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(barWidth)\" height=\"\(h)\" fill=\"\(palette[index % palette.count])\">"
                svg += "<title>\(Escaping.xml(series[index])): \(count)</title></rect>"
            }
        }
        let labelY = plotTop + plotHeight + 16
        svg += "<text x=\"\(plotLeft)\" y=\"\(labelY)\" class=\"axis\">\(Escaping.xml(TimeText.interpretStyle(first.start)))</text>"
        svg += "<text x=\"\(width - 10)\" y=\"\(labelY)\" class=\"axis\" text-anchor=\"end\">\(Escaping.xml(TimeText.interpretStyle(last.start)))</text>"
        var legendX = plotLeft
        for (index, name) in series.enumerated() {
            svg += "<rect x=\"\(legendX)\" y=\"\(labelY + 14)\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
            let label = shortened(name, to: 20)
            svg += "<text x=\"\(legendX + 16)\" y=\"\(labelY + 24)\" class=\"label\">\(Escaping.xml(label))</text>"
            legendX += 30 + label.count * 7
        }
        return svg + "</svg>"
    }

    private static func quoted(_ number: Int) -> String { "\"\(number)\"" }

    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : "…" + text.suffix(length - 1)
    }
}
