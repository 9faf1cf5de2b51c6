import AuditLog
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CheckReport {
    /// `{"results": [{id, cis, title, status, evidence, remediation}], "summary": {…}, "incomplete": […]}`
    /// (docs/check.md); `incomplete` lists what could not be read, empty for a full check.
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
            var incomplete: [String]
        }
        var summary = Dictionary(uniqueKeysWithValues: CheckStatus.allCases.map { ($0.rawValue, count($0)) })
        summary["total"] = results.count
        let document = Document(results: results.map {
            .init(id: $0.id, cis: $0.cis, title: $0.title, category: $0.category.rawValue, status: $0.status.rawValue,
                  evidence: $0.evidence, remediation: $0.remediation)
        }, summary: summary, incomplete: denied)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
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
        struct Text: Encodable { var text: String }
        struct Rule: Encodable {
            var id: String
            var shortDescription: Text
            var properties: [String: String]?
        }
        struct Finding: Encodable {
            var ruleId: String
            var level: String
            var message: Text
        }
        struct Driver: Encodable { var name: String; var rules: [Rule] }
        struct Tool: Encodable { var driver: Driver }
        struct Run: Encodable { var tool: Tool; var results: [Finding] }
        struct Log: Encodable {
            var version = "2.1.0"
            var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
            var runs: [Run]
            enum CodingKeys: String, CodingKey { case version, schema = "$schema", runs }
        }
        let rules = results.map { Rule(id: $0.id, shortDescription: Text(text: $0.title), properties: $0.cis.map { ["cis": $0] }) }
        let findings = results.filter { $0.status == .fail || $0.status == .warn }.map { result in
            var text = result.title + ": " + result.evidence.joined(separator: "; ")
            if let fix = result.remediation { text += ". Fix: " + fix }
            return Finding(ruleId: result.id, level: result.status == .fail ? "error" : "warning", message: Text(text: text))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let log = Log(runs: [Run(tool: Tool(driver: Driver(name: "dockaudit", rules: rules)), results: findings)])
        return (try? encoder.encode(log)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }
}
