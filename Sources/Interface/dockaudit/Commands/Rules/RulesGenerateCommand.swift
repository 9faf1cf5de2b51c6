import ArgumentParser
import AuditRules
import HostIO

/// `dockaudit rules generate`.
struct RulesGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a rules.d file for this host's Docker installation (CIS Docker Benchmark 1.6.0 §1.1).")

    @Option(help: "The rule set to generate: docker.")
    var profile: String
    @Flag(help: "End with -e 2, locking the rules until reboot.")
    var immutable = false
    @Option(help: "Discover Docker's files under this directory instead of /.")
    var root: String?
    @Option(help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard profile == "docker" else { throw ValidationError("the only profile is docker, not '\(profile)'") }
    }

    func run() throws {
        let host = DockerHost(discoveringOn: LocalHostFiles(root: root ?? "/"))
        let text = DockerRuleProfile(host: host, native: .host, immutable: immutable).text()
        if let output {
            try AtomicFile.write(Array(text.utf8), to: output)
        } else {
            print(text, terminator: "")
        }
    }
}
