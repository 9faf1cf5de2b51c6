import ArgumentParser
import AuditRules
import Detection
import HostIO

/// `dockaudit rules generate`.
struct RulesGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a rules.d file: for this host's Docker installation (CIS Docker Benchmark 1.6.0 §1.1), or for dockaudit detect.")

    @Option(help: "The rule set to generate: docker, or detect (what every built-in detection reads).")
    var profile: String
    @Flag(help: "End with -e 2, locking the rules until reboot.")
    var immutable = false
    @Option(help: "Discover Docker's files under this directory instead of /.")
    var root: String?
    @Option(help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard profile == "docker" || profile == "detect" else { throw ValidationError("the profiles are docker and detect, not '\(profile)'") }
    }

    func run() throws {
        let files = LocalHostFiles(root: root ?? "/")
        let text = profile == "detect" ? DetectRuleProfile.text(pathExists: { files.exists($0) }, immutable: immutable)
            : DockerRuleProfile(host: DockerHost(discoveringOn: files), native: .host, immutable: immutable).text()
        if let output {
            try AtomicFile.write(Array(text.utf8), to: output)
        } else {
            print(text, terminator: "")
        }
    }
}
