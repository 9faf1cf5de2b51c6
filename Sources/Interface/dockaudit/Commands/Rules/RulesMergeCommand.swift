import ArgumentParser
import AuditRules
import Glibc
import HostIO

/// `dockaudit rules merge`.
struct RulesMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge rules.d into one rules file exactly as augenrules does.",
        discussion: "With --check, says whether audit.rules is up to date, as augenrules --check does; exit status 0 when it is, 1 when the rules have changed.")

    @OptionGroup var source: RulesSourceOptions
    @Option(help: "Write the merged rules to this file (atomically) instead of standard output.")
    var output: String?
    @Flag(help: "Compare with the existing rules file (--output, default /etc/audit/audit.rules) and write nothing.")
    var check = false

    func run() throws {
        let directory = try RulesDirectory(path: source.directory)
        let merged = try source.merger().merge(directory.files, sourceDirectory: directory.path)
        if check {
            let existing = LocalHostFiles().read(output ?? "/etc/audit/audit.rules")
            if existing == merged {
                print("dockaudit rules merge: No change")
                return
            }
            print("dockaudit rules merge: Rules have changed and should be updated")
            throw ExitCode(1)
        }
        if let output {
            try AtomicFile.write(merged, to: output)
        } else {
            _ = merged.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        }
    }
}
