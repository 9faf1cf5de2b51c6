import ArgumentParser
import AuditRules
import HostIO

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
        let host = LocalHostFiles(root: root ?? "/")
        let parser = RuleParser(native: .host)
        let targets = paths.isEmpty ? [host.real("/etc/audit/rules.d") ?? (root ?? "") + "/etc/audit/rules.d"] : paths
        var files: [RuleFile] = []
        for path in targets {
            let found = try RulesInput.files(at: path, parser: parser)
            if found.isEmpty {   // an empty rules.d loads nothing: almost always a mistake
                files.append(RuleFile(empty: path))
            }
            files += found
        }
        let linter = RuleLinter(native: .host, accounts: root == nil ? .host : .reading(host),
                                pathExists: { host.exists($0) }, isDirectory: { host.isDirectory($0) })
        let report = linter.lint(files)
        print(format.isJSON ? report.json() : report.text(), terminator: "")
        if report.errorCount > 0 { throw ExitCode(1) }
    }
}
