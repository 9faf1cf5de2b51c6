import ArgumentParser
import AuditRules
import HostIO

/// `dockaudit rules load`.
struct RulesLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Merge, lint, write audit.rules atomically (keeping .prev) and load it with auditctl -R.",
        discussion: "Refuses, changing nothing, when the kernel's rules are locked (-e 2) or lint finds errors.")

    @OptionGroup var source: RulesSourceOptions
    @Option(help: "The rules file to write and load.")
    var output = "/etc/audit/audit.rules"

    func run() throws {
        let loader = RulesLoader(control: Auditctl(), merger: try source.merger(), parser: RuleParser(native: .host),
                                 linter: HostRules.linter(root: nil))
        let outcome = try loader.load(try RulesDirectory(path: source.directory), into: output)
        if !outcome.lint.findings.isEmpty { StandardError.write(outcome.lint.text()) }
        print(outcome.wrote ? "wrote \(output)\(outcome.previous.map { " (previous rules kept in \($0))" } ?? "") and loaded it"
                            : "\(output) was up to date; loaded it")
    }
}
