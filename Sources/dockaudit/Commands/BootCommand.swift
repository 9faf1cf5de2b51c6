import ArgumentParser
import AuditLog
import AuditRules
import BootAnalysis
import HostIO

/// `dockaudit boot`: slow boot units, each boot's audit coverage, suspicious reboots.
struct BootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boot",
        abstract: "Name the units that slow the boot, show what audit saw of each boot, and flag suspicious reboots.",
        discussion: "Timing comes from systemd-analyze when systemd is PID 1, else from --time/--blame/--critical-chain files. Exit status: 0, 1 when a suspicious reboot is found, 2 on usage errors.")

    @Option(help: "Saved `systemd-analyze` (time) output.") var time: String?
    @Option(help: "Saved `systemd-analyze blame` output.") var blame: String?
    @Option(name: .customLong("critical-chain"), help: "Saved `systemd-analyze critical-chain` output.") var criticalChain: String?
    @Option(help: "How many of the slowest units to show.") var top = 5
    @OptionGroup var input: InputOptions
    @Option(help: "An expected reboot window, local time: \"Sun 02:00-04:00\", \"daily 01:00-01:30\" (repeatable).")
    var maintenance: [String] = []
    @Option(parsing: .upToNextOption, help: "Compare two boots by number: --compare 1 2.") var compare: [Int] = []
    @Option(help: "text or json.") var format: OutputChoice = .text
    @Option(help: "Write the boot timeline as an SVG chart to this file.") var svg: String?

    func validate() throws {
        guard compare.isEmpty || compare.count == 2 else { throw ValidationError("--compare takes two boot numbers") }
        for window in maintenance where MaintenanceWindow(window) == nil {
            throw ValidationError("cannot read the maintenance window '\(window)' (for example \"Sun 02:00-04:00\")")
        }
        guard top > 0 else { throw ValidationError("--top takes a positive number") }
    }

    func run() throws {
        let (timing, unavailable) = try Self.readTiming(time: time, blame: blame, criticalChain: criticalChain)
        let timingReport = timing.map { BootTimingReport(timing: $0, top: top) }
        var history = BootHistory()
        var note: String?
        do {
            let files = try LogSources.resolve(input.inputs)
            var stream = EventStream()
            try stream.scan(files: files) { history.add($0) }
            history.finish()
            if let warning = stream.diagnostics.summary { StandardError.write(warning) }
        } catch {
            note = "the audit log could not be read: \(error)"
        }
        if note == nil && history.boots.isEmpty { note = "no events in the audit log" }
        if history.outOfOrder > 0 { note = (note.map { $0 + "; " } ?? "") + "\(history.outOfOrder) events more than a minute out of time order (a clock change, or logs of several hosts mixed)" }
        let boots = history.boots
        var comparison: BootComparison?
        if compare.count == 2 {
            guard let a = boots.first(where: { $0.number == compare[0] }), let b = boots.first(where: { $0.number == compare[1] }) else {
                StandardError.write("dockaudit: --compare: the log has boots 1 to \(boots.count)")
                throw ExitCode(2)
            }
            comparison = BootComparison(a, b)
        }
        let report = BootReport(timing: timingReport, timingUnavailable: unavailable, boots: boots,
                                verdicts: RebootVerdicts.judge(boots, windows: maintenance.compactMap(MaintenanceWindow.init)),
                                comparison: comparison, logNote: note)
        print(format == .json ? report.json() : report.text(), terminator: "")
        if let svg {
            guard let timingReport else {
                StandardError.write("dockaudit: no boot timing to chart")
                throw ExitCode(2)
            }
            try AtomicFile.write(Array(BootChart.svg(timingReport).utf8), to: svg, mode: 0o644)
        }
        if report.hasSuspiciousReboot { throw ExitCode(1) }
    }

    private enum Output { case time, blame, chain }

    /// The timing from files, or from systemd-analyze on a systemd host, or why there is none.
    static func readTiming(time: String?, blame: String?, criticalChain: String?) throws -> (BootTiming?, String?) {
        var timing = BootTiming()
        func read(_ text: String, _ output: Output, _ source: String) {
            switch output {
            case .time: timing.readTime(text, source: source)
            case .blame: timing.readBlame(text, source: source)
            case .chain: timing.readCriticalChain(text, source: source)
            }
        }
        if time != nil || blame != nil || criticalChain != nil {
            for (path, output) in [(time, Output.time), (blame, .blame), (criticalChain, .chain)] {
                guard let path else { continue }
                let text: String
                switch LocalHostFiles().load(path) {
                case .failure(let problem):
                    StandardError.write("dockaudit: \(problem)")
                    throw ExitCode(2)
                case .success(let bytes):
                    guard let decoded = String(validating: bytes, as: UTF8.self) else {
                        StandardError.write("dockaudit: \(path): not text (invalid UTF-8)")
                        throw ExitCode(2)
                    }
                    text = decoded
                }
                read(text, output, path)
            }
            return (timing, nil)
        }
        let init1 = HostIdentity.initProcess() ?? "unknown"
        guard init1 == "systemd" else {
            return (nil, "this host does not run systemd (PID 1 is \(init1)): no boot timing; give --time, --blame and --critical-chain files saved from a systemd host")
        }
        for (arguments, output) in [([String](), Output.time), (["blame"], .blame), (["critical-chain"], .chain)] {
            guard let result = ProgramRun.run("/usr/bin/systemd-analyze", arguments) else {
                return (nil, "systemd-analyze cannot be run")
            }
            read(result.output, output, "systemd-analyze " + arguments.joined(separator: " "))
        }
        return (timing, nil)
    }
}
