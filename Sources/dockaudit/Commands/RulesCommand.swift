import ArgumentParser
import AuditRules
#if canImport(Glibc)
import Glibc
#endif
import HostIO

/// `dockaudit rules`: audit rules as auditctl and augenrules see them.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Lint, merge, generate, compare and load audit rules.",
        subcommands: [Lint.self, Merge.self, Generate.self, Diff.self, Load.self]
    )
}

/// Where rules.d is, and how the host's augenrules merges it.
struct RulesSourceOptions: ParsableArguments {
    @Option(name: .customLong("dir"), help: "The rules directory (default /etc/audit/rules.d).")
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

enum OutputChoice: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension RulesCommand {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check rules files for errors auditctl would refuse and for costly or ineffective rules.",
            discussion: "Exit status: 0 without errors (warnings allowed), 1 with errors, 2 when the files cannot be read.")

        @Argument(help: "Rules files or directories (default /etc/audit/rules.d, under --root when given).")
        var paths: [String] = []

        @Option(help: "Look for watched paths under this directory instead of /.")
        var root: String?

        @Option(help: "text or json.")
        var format: OutputChoice = .text

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
            print(format == .json ? report.json() : report.text(), terminator: "")
            if report.errorCount > 0 { throw ExitCode(1) }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge rules.d into one rules file exactly as augenrules does.",
            discussion: "With --check, says whether audit.rules is up to date, as augenrules --check does; exit status 0 when it is, 1 when the rules have changed.")

        @OptionGroup var source: RulesSourceOptions

        @Option(help: "Write the merged rules to this file (atomically) instead of standard output.")
        var output: String?

        @Flag(help: "Compare with the existing rules file (--output, default /etc/audit/audit.rules) and write nothing.")
        var check = false

        func run() throws {
            let directory = try RulesInput.directory(source.directory)
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

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
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

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the rules on disk with the rules the kernel has loaded (auditctl -l).",
            discussion: "Exit status: 0 when they match, 1 when they differ, 2 on errors.")

        @OptionGroup var source: RulesSourceOptions

        @Option(help: "Compare this rules file instead of the merged rules directory.")
        var file: String?

        @Option(help: "text or json.")
        var format: OutputChoice = .text

        func run() throws {
            let parser = RuleParser(native: .host)
            let disk: [RuleLine]
            if let file {
                disk = try RulesInput.files(at: file, parser: parser).flatMap(\.lines)
            } else {
                disk = try RulesInput.directory(source.directory).inLoadOrder(parser: parser, merger: source.merger())
            }
            let listing = try Auditctl().loadedRules()
            let loaded = RuleFile(path: "auditctl -l", bytes: Array(listing.utf8), parser: parser).lines
            let diff = RulesDiff(disk: disk, loaded: loaded, native: .host, accounts: .host)
            print(format == .json ? diff.json() : diff.text(), terminator: "")
            if !diff.isEmpty { throw ExitCode(1) }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge, lint, write audit.rules atomically (keeping .prev) and load it with auditctl -R.",
            discussion: "Refuses, changing nothing, when the kernel's rules are locked (-e 2) or lint finds errors.")

        @OptionGroup var source: RulesSourceOptions

        @Option(help: "The rules file to write and load.")
        var output = "/etc/audit/audit.rules"

        func run() throws {
            let directory = try RulesInput.directory(source.directory)
            let loader = RulesLoader(control: Auditctl(), merger: try source.merger(), parser: RuleParser(native: .host),
                                     linter: RuleLinter(native: .host, accounts: .host, pathExists: { LocalHostFiles().exists($0) },
                                                        isDirectory: { LocalHostFiles().isDirectory($0) }))
            let outcome = try loader.load(directory, into: output)
            if !outcome.lint.findings.isEmpty { StandardError.write(outcome.lint.text()) }
            print(outcome.wrote ? "wrote \(output)\(outcome.previous.map { " (previous rules kept in \($0))" } ?? "") and loaded it"
                                : "\(output) was up to date; loaded it")
        }
    }
}

/// Reading rules files and directories for the commands, with errors that name the file.
enum RulesInput {
    static func files(at path: String, parser: RuleParser) throws -> [RuleFile] {
        let host = LocalHostFiles()
        if host.isDirectory(path) { return try directory(path).parsed(with: parser) }
        switch host.load(path) {
        case .success(let bytes): return [RuleFile(path: path, bytes: bytes, parser: parser)]
        case .failure(let problem): throw problem
        }
    }

    static func directory(_ path: String) throws -> RulesDirectory {
        try RulesDirectory(path: path)
    }
}
