import ArgumentParser
import AuditRules

/// `dockaudit rules`: audit rules as auditctl and augenrules see them.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Lint, merge, generate, compare and load audit rules.",
        subcommands: [RulesLintCommand.self, RulesMergeCommand.self, RulesGenerateCommand.self, RulesDiffCommand.self,
                      RulesLoadCommand.self]
    )
}

/// Where rules.d is, and how the host's augenrules merges it.
struct RulesSourceOptions: ParsableArguments {
    @Option(name: .customLong("dir"), help: "The rules directory.")
    var directory = "/etc/audit/rules.d"
    @Option(name: .customLong("awk"), help: "Merge as augenrules does with this awk: gawk, mawk or auto (the host's /usr/bin/awk).")
    var awk = "auto"

    func merger() throws -> RulesMerger {
        switch awk {
        case "auto": return RulesMerger(dialect: .host)
        case "gawk", "mawk": return RulesMerger(dialect: RulesMerger.AwkDialect(rawValue: awk)!)
        default: throw ValidationError("--awk takes gawk, mawk or auto, not '\(awk)'")
        }
    }
}
