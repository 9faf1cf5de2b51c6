import ArgumentParser
import Glibc
import Detection
import HostCheck
import HostIO

/// Where `check` and `fix` read the host: live, or an offline root with recorded probes.
struct HostOptions: ParsableArguments {
    @Option(help: "Treat this directory as the host's root (a mounted image, a backup, a fixture); live probes are skipped.")
    var root: String?
    @Option(name: .customLong("auditctl-status"), help: "Recorded `auditctl -s` output, for offline checks.")
    var auditctlStatus: String?
    @Option(name: .customLong("auditctl-rules"), help: "Recorded `auditctl -l` output, for offline checks.")
    var auditctlRules: String?
    @Option(help: "Recorded /proc/cmdline, for offline checks.")
    var cmdline: String?

    func snapshot() throws -> HostSnapshot {
        try SnapshotReader.at(root: root, statusFile: auditctlStatus, rulesFile: auditctlRules, cmdlineFile: cmdline).read()
    }
}

/// `dockaudit check`: the host's audit posture. Reads only.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the Docker host's audit posture (auditd, boot, rules, CIS Docker 1.1, permissions, auditd.conf).",
        discussion: "Never writes. Exit status: 0 when nothing failed, 1 when a check failed (with --fail-on warn also a warning), 2 on usage or runtime errors. Check ids: \(CheckCommand.checkIDs.joined(separator: ", ")).")

    /// The host checks, and detect's coverage of the loaded rules.
    static let checkIDs = HostChecker.allIDs + ["detect-coverage"]

    @OptionGroup var host: HostOptions
    @Option(help: "text, json, junit or sarif.")
    var format: OutputChoice = .text
    @Option(parsing: .upToNextOption, help: "Run only these checks.")
    var only: [String] = []
    @Option(parsing: .upToNextOption, help: "Leave out these checks.")
    var skip: [String] = []
    @Option(name: .customLong("fail-on"), help: "fail or warn: the lowest status that makes the exit status 1.")
    var failOn = "fail"
    @Option(name: .customLong("trusted-users"), help: "Comma-separated users allowed to control Docker (CIS 1.1.2); others in the docker group or with sudo to docker are a warning.")
    var trustedUsers: String?

    func validate() throws {
        try format.accept([.text, .json, .junit, .sarif])
        let known = Set(Self.checkIDs)
        for id in only + skip where !known.contains(id) { throw ValidationError("unknown check id '\(id)'") }
        guard failOn == "fail" || failOn == "warn" else { throw ValidationError("--fail-on takes fail or warn") }
    }

    func run() throws {
        let trusted = trustedUsers.map { Set($0.split(separator: ",").map { $0.trimmedBlanks() }) }
        var checker = HostChecker(trustedUsers: trusted)
        checker.additionalChecks = [DetectionCoverage.check]
        let report = checker.check(try host.snapshot(), only: Set(only), skip: Set(skip))
        let failOnWarn = failOn == "warn"
        switch format {
        case .text: print(report.text(colored: isatty(1) == 1), terminator: "")
        case .json: print(report.json(), terminator: "")
        case .junit: print(report.junit(failOnWarn: failOnWarn), terminator: "")
        default: print(report.sarif(), terminator: "")
        }
        if report.failed(failOnWarn: failOnWarn) { throw ExitCode(1) }
    }
}
