import AuditLog

/// Reports as JSON for pipelines: typed values (numbers as numbers, `null` when absent),
/// every string from the log escaped.
package enum ReportJSON {
    /// The summary: one object whose keys are aureport's counter names in snake case.
    public static func summary(_ counters: SummaryCounters) -> String {
        var json = JSONWriter()
        json.object { o in for line in counters.lines { o.member(line.json, line.value) } }
        return json.text(terminator: "\n")
    }

    /// The opening of a detailed report; rows follow, separated by `rowSeparator`, then `end`.
    /// (Rows are written as they are counted, so the document's frame is written around them.)
    public static func start(_ kind: ReportKind) -> String { "{\"report\":\(Escaping.json(kind.rawValue)),\"rows\":[" }
    static let rowSeparator = ",\n"
    public static let end = "]}\n"

    /// One detailed row: `time`, then the report's columns by aureport's names.
    package static func row(_ row: ReportRow, kind: ReportKind) -> String {
        guard let columns = kind.layout?.columns else { return "{}" }
        var json = JSONWriter()
        json.object { o in
            o.member("time", TimeText.rfc3339(row.id.seconds, milliseconds: row.id.milliseconds))
            for (name, cell) in zip(columns, row.cells) {
                o.key(name)
                value(cell, into: &o)
                if case .syscall(let number, let arch) = cell {
                    o.member("syscall_name", number.flatMap { SyscallTable.name(of: Int($0), arch: arch) })
                }
            }
        }
        return json.text()
    }

    /// A per-item summary: each item with its total, most first, in aureport's order.
    package static func totals(_ tally: AureportTally) -> String {
        let column = tally.kind.layout?.summaryColumn ?? "item"
        var json = JSONWriter()
        json.object { o in
            o.member("report", tally.kind.rawValue)
            o.key("totals")
            o.array(oneALine: true) { a in
                func item(_ write: (inout JSONWriter) -> Void, _ hits: Int) {
                    a.object { i in
                        i.key(column)
                        write(&i)
                        i.member("total", hits)
                    }
                }
                switch tally.kind {
                case .pids, .syscalls:
                    let sorted = tally.kind == .pids ? tally.numbers.sortedByHitsFromAscending() : tally.numbers.sortedByHits()
                    for (number, hits) in sorted { item({ $0.int(number) }, hits) }
                case .events, .config, .modifications, .anomalies, .responses, .crypto, .mac, .integrity, .virt:
                    for (type, hits) in tally.numbers.sortedByHitsFromAscending() {
                        item({ $0.string(MessageType(number: Int(type)).name) }, hits)
                    }
                case .users, .logins, .authentications:
                    for (text, hits) in tally.texts.sortedByHits() {
                        item({ json in if let number = Int64(text) { json.int(number) } else { json.string(text) } }, hits)
                    }
                default:
                    for (text, hits) in tally.texts.sortedByHits() { item({ $0.string(text) }, hits) }
                }
            }
        }
        return json.text(terminator: "\n")
    }

    static func value(_ cell: ReportValue, into json: inout JSONWriter) {
        switch cell {
        case .text(let text, _): json.string(text)
        case .user(let uid): json.int(uid)
        case .syscall(let number, _): json.int(number)
        case .success(let success): json.bool(success)
        case .recordType(let type): json.string(MessageType(number: type).name)
        case .pid(let pid): json.int(pid)
        case .serial(let serial): json.int(serial)
        }
    }
}
