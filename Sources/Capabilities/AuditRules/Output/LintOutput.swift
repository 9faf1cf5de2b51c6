import AuditLog
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension LintReport {
    /// Findings as `file:line: severity[code]: message`, a fix line under each, then the
    /// cost summary. Text from the rules files is escaped for a terminal.
    public func text() -> String {
        var lines: [String] = []
        for finding in findings {
            lines.append("\(Escaping.terminal(finding.location.description)): \(finding.severity.rawValue)[\(finding.code)]: "
                         + Escaping.terminal(finding.message))
            if let fix = finding.fix { lines.append("    fix: " + Escaping.terminal(fix)) }
        }
        if !findings.isEmpty { lines.append("") }
        let summary = costSummary
        let highVolume = costs.filter(\.highVolume).count
        lines.append("cost: \(summary[.everySyscall] ?? 0) rules evaluated on every syscall, "
                     + "\(summary[.listedSyscalls] ?? 0) on the syscalls they list (\(highVolume) high-volume), "
                     + "\(summary[.fileSyscalls] ?? 0) on file syscalls only (watches), "
                     + "\(summary[.notPerSyscall] ?? 0) not per syscall")
        for entry in costs where entry.cost == .everySyscall {
            lines.append("  every syscall: \(Escaping.terminal(entry.location.description)): \(Escaping.terminal(entry.text))")
        }
        lines.append("\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON document: findings, each rule's cost, and the totals.
    public func json() -> String {
        struct Document: Encodable {
            struct Finding: Encodable {
                var file: String, line: Int, severity: String, code: String, message: String, fix: String?
            }
            struct Cost: Encodable { var file: String, line: Int, rule: String, cost: String, highVolume: Bool }
            var findings: [Finding]
            var costs: [Cost]
            var summary: [String: Int]
            var errors: Int
            var warnings: Int
        }
        var summary = Dictionary(uniqueKeysWithValues: RuleCost.allCases.map { ($0.rawValue, costSummary[$0] ?? 0) })
        summary["high-volume"] = costs.filter(\.highVolume).count
        let document = Document(
            findings: findings.map { .init(file: $0.location.file, line: $0.location.line, severity: $0.severity.rawValue,
                                           code: $0.code, message: $0.message, fix: $0.fix) },
            costs: costs.map { .init(file: $0.location.file, line: $0.location.line, rule: $0.text,
                                     cost: $0.cost.rawValue, highVolume: $0.highVolume) },
            summary: summary, errors: errorCount, warnings: warningCount)
        return RulesJSON.encode(document)
    }
}

extension RulesDiff {
    public func text() -> String {
        if isEmpty { return "the loaded rules match the rules on disk\n" }
        var lines: [String] = []
        for entry in onlyOnDisk {
            lines.append("only on disk (not active now): \(Escaping.terminal(entry.location.description)): \(Escaping.terminal(entry.text))")
        }
        for entry in onlyLoaded {
            lines.append("only loaded (lost at reboot): \(Escaping.terminal(entry.text))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        struct Document: Encodable {
            struct Rule: Encodable { var file: String?, line: Int?, rule: String }
            var onlyOnDisk: [Rule]
            var onlyLoaded: [Rule]
            var same: Bool
        }
        return RulesJSON.encode(Document(
            onlyOnDisk: onlyOnDisk.map { .init(file: $0.location.file, line: $0.location.line, rule: $0.text) },
            onlyLoaded: onlyLoaded.map { .init(file: nil, line: nil, rule: $0.text) },
            same: isEmpty))
    }
}

/// JSON with stable key order, for pipelines and diffs between runs.
enum RulesJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
