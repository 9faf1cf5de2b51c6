import AuditLog

/// Writes reports in aureport's text layout, byte for byte where aureport is defined.
/// Control characters from the log are written as `\ooo`, so no value can break a line or
/// drive the terminal.
public struct AureportText: Sendable {
    /// Names instead of numbers (aureport `-i`): users, syscalls, record types in summaries.
    public var interpret: Bool
    public var userName: @Sendable (UInt32) -> String?

    public init(interpret: Bool, userName: @escaping @Sendable (UInt32) -> String? = { _ in nil }) {
        self.interpret = interpret
        self.userName = userName
    }

    /// The heading of a detailed report, or of a summary report with `summary`.
    package func heading(_ kind: ReportKind, summary: Bool, outcome: Outcome) -> String {
        var out = "\n"
        if kind == .time { return out + "Log Time Range Report\n=====================\n" }
        if summary || kind == .summary {
            if outcome == .failed { out += "Failed " }
            if outcome == .success { out += "Success " }
        }
        if kind == .summary { return out + "Summary Report\n======================\n" }
        guard let layout = kind.layout else { return "" }
        if summary {
            let ruler = String(repeating: "=", count: layout.summaryRuler)
            return out + "\(layout.summaryTitle)\n\(ruler)\ntotal  \(layout.summaryColumn)\n\(ruler)\n"
        }
        let ruler = String(repeating: "=", count: layout.ruler)
        return out + "\(layout.title)\n\(ruler)\n# date time \(layout.columns.joined(separator: " "))\n"
            + String(repeating: "=", count: layout.secondRuler) + "\n"
    }

    static let nothingFound = "<no events of interest were found>\n\n"

    /// A detailed report's line, numbered from 1.
    public func line(_ row: ReportRow, number: Int) -> String {
        "\(number). \(TimeText.interpretStyle(row.id.seconds)) " + row.cells.map(text).joined(separator: " ") + "\n"
    }

    public func text(_ value: ReportValue) -> String {
        switch value {
        case .text(let text, let missing): return text.map(Escaping.terminal) ?? missing
        case .user(let uid): return user(uid)
        case .syscall(let number, let arch):
            guard interpret else { return String(number ?? 0) }
            guard let number, number != 0 else { return "?" }
            return SyscallTable.name(of: Int(number), arch: arch) ?? "unknown-syscall(\(number))"
        case .success(let success): return success.map { $0 ? "yes" : "no" } ?? "unset"
        case .recordType(let type): return MessageType(number: type).name
        case .pid(let pid): return String(UInt32(truncatingIfNeeded: pid ?? -1))
        case .serial(let serial): return String(serial)
        }
    }

    /// A user as aureport's `aulookup_uid` writes it: the number, or with interpretation
    /// `unset`, the account name, or `unknown(N)`.
    func user(_ uid: Int32?) -> String {
        let uid = uid ?? -2
        guard interpret else { return String(uid) }
        if uid == -1 { return "unset" }
        return userName(UInt32(bitPattern: uid)) ?? "unknown(\(uid))"
    }

    /// The `total  item` lines of a per-item summary report.
    package func totals(_ tally: AureportTally) -> String {
        let kind = tally.kind
        var out = ""
        switch kind {
        case .pids:
            for (pid, hits) in tally.numbers.sortedByHitsFromAscending() { out += "\(hits)  \(Int32(truncatingIfNeeded: pid))\n" }
        case .syscalls:
            for (number, hits) in tally.numbers.sortedByHits() {
                out += "\(hits)  " + text(.syscall(number, arch: tally.syscallArch[number])) + "\n"
            }
        case .events, .config, .modifications, .anomalies, .responses, .crypto, .mac, .integrity, .virt:
            for (type, hits) in tally.numbers.sortedByHitsFromAscending() {
                out += "\(hits)  " + (interpret ? MessageType(number: Int(type)).name : String(type)) + "\n"
            }
        case .users, .logins, .authentications:
            for (item, hits) in tally.texts.sortedByHits() {
                let isNumber = item.first.map { $0 == "-" || $0.isASCII && $0.isNumber } ?? false
                out += "\(hits)  " + (isNumber ? user(Int32(item) ?? -2) : Escaping.terminal(item)) + "\n"
            }
        default:
            for (item, hits) in tally.texts.sortedByHits() { out += "\(hits)  \(Escaping.terminal(item))\n" }
        }
        return out.isEmpty ? Self.nothingFound : out
    }

    /// `aureport --summary`: the log's time range, the selected range, and the counters.
    public func summary(_ tally: AureportTally, start: Int64?, end: Int64?) -> String {
        guard let first = tally.first, let last = tally.last else { return Self.nothingFound }
        func stamp(_ id: EventID) -> String { TimeText.interpretStyle(id.seconds, milliseconds: id.milliseconds) }
        var out = "Range of time in logs: \(stamp(first)) - \(stamp(last))\n"
        out += "Selected time for report: \(TimeText.interpretStyle(start ?? first.seconds)) - "
        out += (end.map { TimeText.interpretStyle($0) } ?? stamp(last)) + "\n"
        for line in tally.counters.lines { out += "Number of \(line.words): \(line.value)\n" }
        return out + "\n"
    }
}
