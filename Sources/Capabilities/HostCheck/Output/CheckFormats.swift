import AuditLog

extension CheckReport {
    /// `{"results": [{id, cis, title, status, evidence, remediation}], "summary": {…}, "incomplete": […]}`
    /// (docs/check.md); `incomplete` lists what could not be read, empty for a full check.
    public func json() -> String {
        var summary = Dictionary(uniqueKeysWithValues: CheckStatus.allCases.map { ($0.rawValue, count($0)) })
        summary["total"] = results.count
        var json = JSONWriter()
        json.object { o in
            o.member("incomplete", strings: denied)
            o.key("results")
            o.array(results) { json, result in
                json.object { r in
                    r.member("category", result.category.rawValue)
                    r.member("cis", result.cis)   // null, not absent, when there is none
                    r.member("evidence", strings: result.evidence)
                    r.member("id", result.id)
                    r.member("remediation", result.remediation)
                    r.member("status", result.status.rawValue)
                    r.member("title", result.title)
                }
            }
            o.key("summary")
            o.object { s in for key in summary.keys.sorted() { s.member(key, summary[key]!) } }
        }
        return json.text(terminator: "\n")
    }

    /// JUnit XML: one test case per check; fail is a failure, warn a failure when
    /// `failOnWarn`, skip and na are skipped.
    public func junit(failOnWarn: Bool) -> String {
        let failures = results.filter { $0.status == .fail || (failOnWarn && $0.status == .warn) }.count
        let skipped = results.filter { $0.status == .skip || $0.status == .na }.count
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<testsuites name="dockaudit check" tests="\#(results.count)" failures="\#(failures)" skipped="\#(skipped)">"#,
                     #"  <testsuite name="dockaudit check" tests="\#(results.count)" failures="\#(failures)" skipped="\#(skipped)">"#]
        for result in results {
            lines.append(#"    <testcase classname="dockaudit.check.\#(Escaping.xml(result.category.rawValue))" name="\#(Escaping.xml(result.id)): \#(Escaping.xml(result.title))">"#)
            let details = Escaping.xml((result.evidence + (result.remediation.map { ["fix: " + $0] } ?? [])).joined(separator: "\n"))
            switch result.status {
            case .fail:
                lines.append(#"      <failure message="\#(Escaping.xml(result.id)) failed">\#(details)</failure>"#)
            case .warn where failOnWarn:
                lines.append(#"      <failure message="\#(Escaping.xml(result.id)) warning">\#(details)</failure>"#)
            case .skip, .na:
                lines.append(#"      <skipped message="\#(result.status.rawValue): \#(Escaping.xml(result.evidence.first ?? ""))"/>"#)
            default:
                lines.append(#"      <system-out>\#(details)</system-out>"#)
            }
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// SARIF 2.1.0: every check a rule of the driver, every fail (error) and warn (warning) a result.
    public func sarif() -> String {
        let findings = results.filter { $0.status == .fail || $0.status == .warn }.map { result in
            var text = result.title + ": " + result.evidence.joined(separator: "; ")
            if let fix = result.remediation { text += ". Fix: " + fix }
            return SARIFWriter.Result(level: result.status == .fail ? "error" : "warning", message: text, ruleID: result.id)
        }
        let rules = results.map { result in
            SARIFWriter.Rule(id: result.id, description: result.title,
                             properties: result.cis.map { cis in { (json: inout JSONWriter) in json.member("cis", cis) } })
        }
        return SARIFWriter.document(rules: rules, results: findings)
    }
}
