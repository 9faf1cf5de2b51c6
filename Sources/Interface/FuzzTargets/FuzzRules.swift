import AuditLog
import AuditRules
import Foundation

/// Any bytes as two rules.d files: parsed as auditctl does, linted, merged as augenrules
/// does; the reports are well formed and their text has no control byte.
public enum FuzzRules {
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let parts = Fuzz.parts(UnsafeRawBufferPointer(start: data, count: size), count: 2)
        let files = [RuleFile(path: "10-first.rules", bytes: parts[0]), RuleFile(path: "20-second.rules", bytes: parts[1])]
        let report = RuleLinter(pathExists: { !$0.contains("missing") }, isDirectory: { $0.hasSuffix("/") }).lint(files)
        Fuzz.require(Fuzz.isTerminalSafe(Array(report.text().utf8)), "lint text lets a control byte through")
        Fuzz.require(Fuzz.isJSON(Array(report.json().utf8)), "lint JSON does not parse")
        for line in files.flatMap(\.lines) {
            Fuzz.require(line.location.line > 0, "a rule without its line")
            _ = line.statement.shape(native: .x86_64)
        }
        let merged = RulesMerger(dialect: .gawk).merge([("10-first.rules", parts[0]), ("20-second.rules", parts[1])],
                                                       sourceDirectory: "/etc/audit/rules.d")
        // What augenrules writes must parse again, line by line, as it was read.
        _ = RuleFile(path: "audit.rules", bytes: merged)
    }
}
