import AuditLog

extension CheckReport {
    /// How many lines of a check's evidence the text shows; JSON, JUnit and SARIF carry all.
    package static let evidenceShown = 6

    /// Grouped by category, one line per check, evidence (at most `evidenceShown` lines, then
    /// how many more) and the exact remediation under each failure and warning, then a score
    /// line. Colors only when `colored`.
    public func text(colored: Bool) -> String {
        func paint(_ status: CheckStatus) -> String {
            let name = status.rawValue.uppercased()
            let label = name + String(repeating: " ", count: max(0, 4 - name.count))
            guard colored else { return "[\(label)]" }
            let code: String
            switch status {
            case .pass: code = "32"
            case .fail: code = "31;1"
            case .warn: code = "33"
            case .skip, .na: code = "90"
            case .info: code = "36"
            }
            return "[\u{1B}[\(code)m\(label)\u{1B}[0m]"
        }
        var lines: [String] = []
        if !denied.isEmpty {
            lines.append("INCOMPLETE: \(Wording.count(denied.count, "input")) could not be read; those checks are skipped. "
                         + "Run as root (the audit logs also open to auditd.conf's log_group):")
            for reason in denied { lines.append("  - " + Escaping.terminal(reason)) }
            lines.append("")
        }
        for category in CheckCategory.allCases {
            let inCategory = results.filter { $0.category == category }
            guard !inCategory.isEmpty else { continue }
            lines.append(category.rawValue)
            for result in inCategory {
                lines.append("  \(paint(result.status)) \(result.id): \(result.title)")
                let detailed = [.fail, .warn, .skip, .na, .info].contains(result.status)
                if detailed {
                    for evidence in result.evidence.prefix(Self.evidenceShown) { lines.append("         \(Escaping.terminal(evidence))") }
                    if result.evidence.count > Self.evidenceShown {
                        lines.append("         … and \(result.evidence.count - Self.evidenceShown) more (see --format json)")
                    }
                    if let fix = result.remediation { lines.append("         fix: \(Escaping.terminal(fix))") }
                }
            }
            lines.append("")
        }
        let (passed, decided) = score
        lines.append("score: \(passed)/\(decided) passed; \(count(.fail)) failed, \(count(.warn)) warnings, "
                     + "\(count(.skip)) skipped, \(count(.na)) not applicable")
        return lines.joined(separator: "\n") + "\n"
    }
}
