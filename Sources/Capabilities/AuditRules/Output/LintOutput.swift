import AuditLog

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
        lines.append("\(Wording.count(errorCount, "error")), \(Wording.count(warningCount, "warning"))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON document: findings, each rule's cost, and the totals (keys sorted).
    public func json() -> String {
        var summary = Dictionary(uniqueKeysWithValues: RuleCost.allCases.map { ($0.rawValue, costSummary[$0] ?? 0) })
        summary["high-volume"] = costs.filter(\.highVolume).count
        var json = JSONWriter()
        json.object { o in
            o.key("costs")
            o.array(costs) { json, entry in
                json.object { c in
                    c.member("cost", entry.cost.rawValue)
                    c.member("file", entry.location.file)
                    c.member("high_volume", entry.highVolume)
                    c.member("line", entry.location.line)
                    c.member("rule", entry.text)
                }
            }
            o.member("errors", errorCount)
            o.key("findings")
            o.array(findings) { json, finding in
                json.object { f in
                    f.member("code", finding.code)
                    f.member("file", finding.location.file)
                    f.memberIfPresent("fix", finding.fix)
                    f.member("line", finding.location.line)
                    f.member("message", finding.message)
                    f.member("severity", finding.severity.rawValue)
                }
            }
            o.key("summary")
            o.object { s in for key in summary.keys.sorted() { s.member(key, summary[key]!) } }
            o.member("warnings", warningCount)
        }
        return json.text(terminator: "\n")
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
        var json = JSONWriter()
        json.object { o in
            o.key("only_loaded")
            o.array(onlyLoaded) { json, entry in json.object { $0.member("rule", entry.text) } }
            o.key("only_on_disk")
            o.array(onlyOnDisk) { json, entry in
                json.object { r in
                    r.member("file", entry.location.file)
                    r.member("line", entry.location.line)
                    r.member("rule", entry.text)
                }
            }
            o.member("same", isEmpty)
        }
        return json.text(terminator: "\n")
    }
}
