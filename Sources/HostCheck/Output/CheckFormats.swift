import Foundation

extension CheckReport {
    /// `{"results": [{id, cis, title, status, evidence, remediation}], "summary": {…}}` (docs/check.md).
    public func json() -> String {
        struct Document: Encodable {
            struct Result: Encodable {
                var id: String, cis: String?, title: String, category: String, status: String
                var evidence: [String], remediation: String?
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(id, forKey: .id)
                    try container.encode(cis, forKey: .cis)   // null, not absent, when there is none
                    try container.encode(title, forKey: .title)
                    try container.encode(category, forKey: .category)
                    try container.encode(status, forKey: .status)
                    try container.encode(evidence, forKey: .evidence)
                    try container.encode(remediation, forKey: .remediation)
                }
                enum CodingKeys: String, CodingKey { case id, cis, title, category, status, evidence, remediation }
            }
            var results: [Result]
            var summary: [String: Int]
        }
        var summary = Dictionary(uniqueKeysWithValues: CheckStatus.allCases.map { ($0.rawValue, count($0)) })
        summary["total"] = results.count
        let document = Document(results: results.map {
            .init(id: $0.id, cis: $0.cis, title: $0.title, category: $0.category.rawValue, status: $0.status.rawValue,
                  evidence: $0.evidence, remediation: $0.remediation)
        }, summary: summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }

    /// JUnit XML: one test case per check; fail is a failure, warn a failure when
    /// `failOnWarn`, skip and na are skipped.
    public func junit(failOnWarn: Bool) -> String {
        func xml(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\x" + String(scalar.value, radix: 16) }
                    else { out.unicodeScalars.append(scalar) }
                }
            }
            return out
        }
        let failures = results.filter { $0.status == .fail || (failOnWarn && $0.status == .warn) }.count
        let skipped = results.filter { $0.status == .skip || $0.status == .na }.count
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<testsuites name="dockaudit check" tests="\#(results.count)" failures="\#(failures)" skipped="\#(skipped)">"#,
                     #"  <testsuite name="dockaudit check" tests="\#(results.count)" failures="\#(failures)" skipped="\#(skipped)">"#]
        for result in results {
            lines.append(#"    <testcase classname="dockaudit.check.\#(xml(result.category.rawValue))" name="\#(xml(result.id)): \#(xml(result.title))">"#)
            let details = xml((result.evidence + (result.remediation.map { ["fix: " + $0] } ?? [])).joined(separator: "\n"))
            switch result.status {
            case .fail:
                lines.append(#"      <failure message="\#(xml(result.id)) failed">\#(details)</failure>"#)
            case .warn where failOnWarn:
                lines.append(#"      <failure message="\#(xml(result.id)) warning">\#(details)</failure>"#)
            case .skip, .na:
                lines.append(#"      <skipped message="\#(result.status.rawValue): \#(xml(result.evidence.first ?? ""))"/>"#)
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
        let rules: [[String: Any]] = results.map { result in
            var rule: [String: Any] = ["id": result.id, "shortDescription": ["text": result.title]]
            if let cis = result.cis { rule["properties"] = ["cis": cis] }
            return rule
        }
        let findings: [[String: Any]] = results.filter { $0.status == .fail || $0.status == .warn }.map { result in
            var text = result.title + ": " + result.evidence.joined(separator: "; ")
            if let fix = result.remediation { text += ". Fix: " + fix }
            return ["ruleId": result.id, "level": result.status == .fail ? "error" : "warning", "message": ["text": text]]
        }
        let document: [String: Any] = [
            "version": "2.1.0",
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "runs": [["tool": ["driver": ["name": "dockaudit", "rules": rules]],
                      "results": findings]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
