import AuditRules
import Foundation
import HostIO
import Testing
import TestSupport

/// What `rules lint` reads on a host: an offline root's rules.d, with its empty directories kept.
@Suite struct HostRulesTests {
    @Test func readsRulesDUnderARootAndKeepsAnEmptyDirectory() throws {
        let root = try TemporaryDirectory("host-rules")
        defer { root.cleanUp() }
        try root.file("etc/audit/rules.d/10-base.rules", "-D\n-w /etc/passwd -p wa -k identity\n")
        try root.file("etc/audit/rules.d/README", "not a rules file\n")
        try FileManager.default.createDirectory(atPath: root.path + "/empty.d", withIntermediateDirectories: true)
        let parser = RuleParser(native: .x86_64)
        let files = try HostRules.lintFiles([], root: root.path, parser: parser)
        #expect(files.map(\.path) == [root.path + "/etc/audit/rules.d/10-base.rules"])
        #expect(files.first?.lines.count == 2)
        let empty = try HostRules.lintFiles([root.path + "/empty.d"], root: root.path, parser: parser)
        #expect(empty.map(\.path) == [root.path + "/empty.d"] && empty.first?.lines.isEmpty == true)
        let report = HostRules.linter(root: root.path).lint(empty)
        #expect(report.findings.contains { $0.code == "bad-file" && $0.message.contains("augenrules would load no rules") }, "\(report.text())")
    }

    @Test func aMissingFileIsAnErrorThatNamesIt() {
        #expect(throws: HostError.self) { try HostRules.files(at: "/nonexistent/x.rules", parser: RuleParser()) }
    }
}
