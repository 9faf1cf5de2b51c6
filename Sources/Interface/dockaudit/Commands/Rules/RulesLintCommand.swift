import ArgumentParser
import AuditRules

/// `dockaudit rules lint`.
struct RulesLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rules files for errors auditctl would refuse and for costly or ineffective rules.",
        discussion: "Exit status: 0 without errors (warnings allowed), 1 with errors, 2 when the files cannot be read.")

    @Argument(help: "Rules files or directories; without any, /etc/audit/rules.d (under --root when given).")
    var paths: [String] = []
    @Option(help: "Look for watched paths under this directory instead of /.")
    var root: String?
    @OptionGroup var format: TextOrJSONOption

    func run() throws {
        let report = HostRules.linter(root: root).lint(try HostRules.lintFiles(paths, root: root, parser: RuleParser(native: .host)))
        print(format.isJSON ? report.json() : report.text(), terminator: "")
        if report.errorCount > 0 { throw ExitCode(1) }
    }
}
