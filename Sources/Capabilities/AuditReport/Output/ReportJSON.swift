import AuditLog

/// Reports as JSON for pipelines: typed values (numbers as numbers, `null` when absent),
/// every string from the log escaped.
public enum ReportJSON {
    /// The summary: one object whose keys are aureport's counter names in snake case.
    public static func summary(_ counters: SummaryCounters) -> String {
        "{" + counters.lines.map { "\(Escaping.json($0.json)):\($0.value)" }.joined(separator: ",") + "}\n"
    }

    /// The opening of a detailed report; rows follow, separated by `rowSeparator`, then `end`.
    public static func start(_ kind: ReportKind) -> String { "{\"report\":\(Escaping.json(kind.rawValue)),\"rows\":[" }
    public static let rowSeparator = ",\n"
    public static let end = "]}\n"

    /// One detailed row: `time`, then the report's columns by aureport's names.
    public static func row(_ row: ReportRow, kind: ReportKind) -> String {
        guard let columns = kind.layout?.columns else { return "{}" }
        var members = ["\"time\":" + Escaping.json(TimeText.rfc3339(row.id.seconds, milliseconds: row.id.milliseconds))]
        for (name, cell) in zip(columns, row.cells) {
            members.append(Escaping.json(name) + ":" + value(cell))
            if case .syscall(let number, let arch) = cell {
                let named = number.flatMap { SyscallTable.name(of: Int($0), arch: arch) }
                members.append("\"syscall_name\":" + (named.map(Escaping.json) ?? "null"))
            }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A per-item summary: each item with its total, most first, in aureport's order.
    public static func totals(_ tally: AureportTally) -> String {
        let column = tally.kind.layout?.summaryColumn ?? "item"
        var items: [String] = []
        switch tally.kind {
        case .pids, .syscalls:
            let sorted = tally.kind == .pids ? tally.numbers.sortedByHitsFromAscending() : tally.numbers.sortedByHits()
            for (number, hits) in sorted { items.append("{\(Escaping.json(column)):\(number),\"total\":\(hits)}") }
        case .events, .config, .modifications, .anomalies, .responses, .crypto, .mac, .integrity, .virt:
            for (type, hits) in tally.numbers.sortedByHitsFromAscending() {
                items.append("{\(Escaping.json(column)):\(Escaping.json(MessageType(number: Int(type)).name)),\"total\":\(hits)}")
            }
        case .users, .logins, .authentications:
            for (item, hits) in tally.texts.sortedByHits() {
                items.append("{\(Escaping.json(column)):\(Int64(item).map(String.init) ?? Escaping.json(item)),\"total\":\(hits)}")
            }
        default:
            for (item, hits) in tally.texts.sortedByHits() { items.append("{\(Escaping.json(column)):\(Escaping.json(item)),\"total\":\(hits)}") }
        }
        return "{\"report\":\(Escaping.json(tally.kind.rawValue)),\"totals\":[" + items.joined(separator: ",\n") + "]}\n"
    }

    static func value(_ cell: ReportValue) -> String {
        switch cell {
        case .text(let text, _): return text.map(Escaping.json) ?? "null"
        case .user(let uid): return uid.map { String($0) } ?? "null"
        case .syscall(let number, _): return number.map { String($0) } ?? "null"
        case .success(let success): return success.map { $0 ? "true" : "false" } ?? "null"
        case .recordType(let type): return Escaping.json(MessageType(number: type).name)
        case .pid(let pid): return pid.map { String($0) } ?? "null"
        case .serial(let serial): return String(serial)
        }
    }

}
