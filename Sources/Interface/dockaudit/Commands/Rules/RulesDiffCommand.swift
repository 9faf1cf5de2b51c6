import ArgumentParser
import AuditRules

/// `dockaudit rules diff`.
struct RulesDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the rules on disk with the rules the kernel has loaded (auditctl -l).",
        discussion: "Exit status: 0 when they match, 1 when they differ, 2 on errors.")

    @OptionGroup var source: RulesSourceOptions
    @Option(help: "Compare this rules file instead of the merged rules directory.")
    var file: String?
    @OptionGroup var format: TextOrJSONOption

    func run() throws {
        let parser = RuleParser(native: .host)
        let disk: [RuleLine]
        if let file {
            disk = try HostRules.files(at: file, parser: parser).flatMap(\.lines)
        } else {
            disk = try RulesDirectory(path: source.directory).inLoadOrder(parser: parser, merger: source.merger())
        }
        let listing = try Auditctl().loadedRules()
        let loaded = RuleFile(path: "auditctl -l", bytes: Array(listing.utf8), parser: parser).lines
        let diff = RulesDiff(disk: disk, loaded: loaded, native: .host, accounts: .host)
        print(format.isJSON ? diff.json() : diff.text(), terminator: "")
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
