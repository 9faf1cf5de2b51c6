import ArgumentParser
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
    @OptionGroup var format: TextOrJSONOption
    @Option(help: "Write the boot timeline as an SVG chart to this file.") var svg: String?

    func validate() throws {
        guard compare.isEmpty || compare.count == 2 else { throw ValidationError("--compare takes two boot numbers") }
        for window in maintenance where MaintenanceWindow(window) == nil {
            throw ValidationError("cannot read the maintenance window '\(window)' (for example \"Sun 02:00-04:00\")")
        }
        guard top > 0 else { throw ValidationError("--top takes a positive number") }
    }

    func run() throws {
        let source: BootRun.TimingSource = time != nil || blame != nil || criticalChain != nil
            ? .saved(time: time, blame: blame, criticalChain: criticalChain) : .systemd
        let (report, diagnostics) = try BootRun.report(timing: source, top: top, logs: input.inputs,
                                                       windows: maintenance.compactMap(MaintenanceWindow.init),
                                                       compare: compare.count == 2 ? (compare[0], compare[1]) : nil)
        if let warning = diagnostics.summary { StandardError.write(warning) }
        print(format.isJSON ? report.json() : report.text(), terminator: "")
        if let svg {
            guard let timing = report.timing else { throw CommandFailure("no boot timing to chart") }
            try AtomicFile.write(Array(BootChart.svg(timing).utf8), to: svg, mode: 0o644)
        }
        if report.hasSuspiciousReboot { throw ExitCode(1) }
    }
}
