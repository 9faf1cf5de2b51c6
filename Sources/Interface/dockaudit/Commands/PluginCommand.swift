import ArgumentParser
import AuditLog
import AuditReport
import Glibc
import HostIO
import LiveAudit

/// `dockaudit plugin`: auditd's plugin, and its installation.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Run as auditd's plugin: events from auditd's pipe as container-aware JSON lines.",
        subcommands: [PluginRunCommand.self, PluginInstallCommand.self, PluginUninstallCommand.self],
        defaultSubcommand: PluginRunCommand.self
    )
}

/// Where the plugin writes and keeps its state, shared by `plugin` and `plugin install` (which writes them into `args`).
struct PluginOptions: ParsableArguments {
    @Option(help: "A file (rotated by dockaudit), - for standard output, or unix:PATH for a collector's socket.")
    var output = "/var/log/dockaudit/events.json"
    @Option(name: .customLong("rotate-size"), help: "Rotate the output file past this many bytes (suffixes K, M, G; 0: never).")
    var rotateSize = "100M"
    @Option(name: .customLong("rotate-keep"), help: "Rotated output files to keep.")
    var rotateKeep = 5
    @Option(name: .customLong("state-dir"), help: "Where the spill file, stats and restart count are kept.")
    var stateDirectory = "/var/lib/dockaudit/plugin"

    func validate() throws {
        guard Self.bytes(rotateSize) != nil else { throw ValidationError("--rotate-size takes a number of bytes, with K, M or G after it: not '\(rotateSize)'") }
        guard rotateKeep >= 0 else { throw ValidationError("--rotate-keep must be 0 or more") }
    }

    var target: LiveOutput.Target { .parse(output, rotateSize: Self.bytes(rotateSize) ?? 0, keep: rotateKeep) }

    var arguments: [String] {
        ["--output", output, "--rotate-size", rotateSize, "--rotate-keep", String(rotateKeep), "--state-dir", stateDirectory]
    }

    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last, let unit = units[Character(last.uppercased())] { return Int(text.dropLast()).map { $0 * unit } }
        return Int(text)
    }
}

struct PluginRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read auditd's string format on standard input and write enriched JSON lines (what auditd starts).",
        discussion: """
            Standard input is read on its own thread into a bounded queue in memory that spills to --state-dir/spill \
            when full, so auditd's dispatcher never waits; a spill left by an earlier run is read first. A stats line \
            ("type":"DOCKAUDIT_STATS", with every loss counted) is written every --stats-interval seconds and at the \
            end, and to --state-dir/stats.json, which `dockaudit check` reads. SIGHUP reopens the output; at the end \
            of input, or on SIGTERM, every pending event is written and the exit status is 0.
            """
    )

    @OptionGroup var output: PluginOptions
    @Option(help: "json (the only format).")
    var format: OutputChoice = .json
    @Option(name: .customLong("queue-size"), help: "Bytes queued in memory before spilling to disk (suffixes K, M, G).")
    var queueSize = "8M"
    @Option(name: .customLong("spill-limit"), help: "The most bytes the spill file may hold; beyond, input is dropped and counted.")
    var spillLimit = "1G"
    @Option(name: .customLong("stats-interval"), help: "Seconds between stats lines.")
    var statsInterval = 60.0
    @Flag(name: .customLong("no-host-probe"), help: "A recorded stream, not this host's auditd: do not ask auditctl and auditd for their loss counters, nor /proc which processes still run (implied when the parent is not auditd).")
    var noHostProbe = false
    @Flag(name: .customLong("include-own"), help: "Keep the events of the plugin's own process.")
    var includeOwn = false
    @OptionGroup var detections: LiveDetectOptions
    @Option(help: "Take the options from this file instead, one a line (auditd passes a plugin two arguments at most): plugin install writes it.")
    var config: String?

    func validate() throws {
        try format.accept([.json])
        guard PluginOptions.bytes(queueSize) != nil, PluginOptions.bytes(spillLimit) != nil else {
            throw ValidationError("--queue-size and --spill-limit take a number of bytes, with K, M or G after it")
        }
        guard statsInterval > 0 else { throw ValidationError("--stats-interval must be positive") }
    }

    func run() throws {
        guard let config else { return try start() }
        guard let bytes = LocalHostFiles().read(config) else { throw ValidationError("cannot read the options file \(config)") }
        guard let options = PluginInstall.arguments(inOptions: String(decoding: bytes, as: UTF8.self)) else {
            throw ValidationError("\(config): each line holds one option and its value")
        }
        let command = try Self.parse(options)
        guard command.config == nil else { throw ValidationError("\(config): an options file cannot name another (--config)") }
        try command.start()
    }

    private func start() throws {
        var search = SearchRun(criteria: SearchCriteria(), output: format.eventOutput)
        var catalog = ContainerSource.scan(root: nil).catalog()
        catalog.asksEngineForNewLaunches = true
        search.catalog = catalog
        search.includeOwn = includeOwn
        search.userName = ContainerSource.userName
        if case .file(let path, _, _) = output.target, let slash = path.lastIndex(of: "/"), slash > path.startIndex {
            _ = try StateDirectory(String(path[..<slash]))
        }
        var plugin = PluginRun(search: search, output: output.target)
        plugin.stateDirectory = output.stateDirectory
        plugin.queueBytes = PluginOptions.bytes(queueSize)!
        plugin.spillLimit = PluginOptions.bytes(spillLimit)!
        plugin.statsInterval = statsInterval
        plugin.detection = try detections.detection(json: true)
        plugin.probesHost = !noHostProbe && ProcessTable.parentName() == "auditd"
        LiveSignals.watch()
        let result = try plugin.run(note: { StandardError.write($0) })
        if let warning = result.diagnostics.summary { StandardError.write(warning) }
    }
}

struct PluginInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Write /etc/audit/plugins.d/dockaudit.conf, after checking auditd would start the binary.",
        discussion: "auditd starts the plugin when it reads its configuration again: --reload sends it SIGHUP."
    )

    @OptionGroup var output: PluginOptions
    @OptionGroup var detections: LiveDetectOptions
    @Option(help: "The dockaudit binary auditd starts (default: this one).")
    var binary: String?
    @OptionGroup var files: PluginFiles

    func run() throws {
        let path = binary ?? Self.thisBinary()
        let (configuration, optionsFile) = (files.configuration, files.optionsFile)
        _ = try detections.detection(json: true)   // rules and allowlist refused here, not later under auditd
        let arguments = output.arguments + detections.arguments
        do {
            try PluginInstall.install(binary: path, arguments: arguments, at: configuration, optionsFile: optionsFile)
        } catch let problem as PluginInstall.InstallProblem {
            StandardError.write("dockaudit: \(problem)")
            throw ExitCode(1)
        }
        print("wrote \(configuration) and \(optionsFile): auditd starts \(path) plugin \(arguments.joined(separator: " "))")
        if files.reload { try PluginFiles.reloadAuditd() } else { print("reload auditd to start it: kill -HUP $(cat /run/auditd.pid)") }
    }

    /// This process's executable, as the kernel knows it.
    static func thisBinary() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return count > 0 ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }
}

struct PluginUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uninstall", abstract: "Remove the plugin's configuration from plugins.d.")

    @OptionGroup var files: PluginFiles

    func run() throws {
        let configuration = files.configuration
        print(try PluginInstall.uninstall(at: configuration, optionsFile: files.optionsFile) ? "removed \(configuration)" : "no \(configuration): nothing to remove")
        if files.reload { try PluginFiles.reloadAuditd() }
    }
}

/// The files `install` writes and `uninstall` removes, and the reload that makes auditd start or stop the plugin.
struct PluginFiles: ParsableArguments {
    @Option(help: "The plugins.d configuration file.")
    var configuration = PluginInstall.configurationPath
    @Option(name: .customLong("options-file"), help: "The plugin's options (auditd passes a plugin two arguments at most).")
    var optionsFile = PluginInstall.optionsPath
    @Flag(help: "Send auditd SIGHUP so it starts or stops the plugin now.")
    var reload = false

    static func reloadAuditd() throws {
        guard let bytes = LocalHostFiles().read("/run/auditd.pid"), let pid = Int32(String(decoding: bytes, as: UTF8.self).trimmedBlanks()),
              kill(pid, SIGHUP) == 0 else {
            throw ValidationError("auditd is not running (no /run/auditd.pid): start it, or reload it yourself")
        }
        print("sent SIGHUP to auditd (pid \(pid))")
    }
}
