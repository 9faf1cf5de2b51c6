import ArgumentParser
import AuditLog
import AuditReport
import ContainerTrace
import HostIO

extension ReportKind: ExpressibleByArgument {}

/// `dockaudit report`: aureport's reports (same figures on the same input), plus containers,
/// people followed through sudo and su, and the one-file HTML report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports from the audit log: aureport's, plus containers, people and an HTML report.",
        discussion: """
        KIND is one of: \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")).
        Each aureport report has the figures of the aureport option named in docs/report.md (keys is -k, users -u, …).
        Exit status: 0 when the report counted something, 1 when it found nothing, 2 on usage or I/O errors.
        """
    )

    @Argument(help: "The report.") var kind: ReportKind = .summary
    @OptionGroup var input: InputOptions
    @OptionGroup var selection: SelectionOptions
    @Flag(name: .customLong("summary"), help: "Totals per item, most first, instead of one line per event.")
    var summary = false
    @Flag(name: .customLong("success"), help: "Only events that succeeded.") var successOnly = false
    @Flag(name: .customLong("failed"), help: "Only events that failed.") var failedOnly = false
    @Flag(name: [.customShort("i"), .customLong("interpret")], help: "Names instead of numbers (users, syscalls, types).")
    var interpret = false
    @OptionGroup var format: TextOrJSONOption
    @Option(help: "Write the one-file HTML report here (posture, boot, timeline, top lists, anomalies).")
    var html: String?
    @Flag(help: "With anomalies: one line per program and kind, with a count and a time range, known benign ones marked.")
    var grouped = false
    @Flag(name: .customLong("include-own"), help: "Keep the events of dockaudit's own processes in the HTML, people and grouped anomalies reports.")
    var includeOwn = false
    @Flag(help: "No progress display on stderr.") var quiet = false

    func validate() throws {
        if successOnly && failedOnly { throw ValidationError("--success and --failed exclude each other") }
        if grouped && (kind != .anomalies || format.isJSON) { throw ValidationError("--grouped goes with the anomalies report, as text") }
    }

    func run() throws {
        let criteria = try selection.criteria()
        let files = try input.files(refusingStandardInput: html != nil ? HTMLReportRun.readsTwice : nil)
        let meter = ProgressMeter.forFiles(files, quiet: quiet)
        defer { meter?.finish() }
        let progress = meter?.callback
        let userName = ContainerSource.userName
        if let html {
            var run = try HTMLReportRun.thisHost(criteria: criteria, containers: ContainerSource.scan(root: nil))
            run.userName = userName
            run.onProgress = progress
            run.includeOwn = includeOwn
            let (page, diagnostics) = try run.render(files: files)
            if let warning = diagnostics.summary { StandardError.write(warning) }
            try AtomicFile.write(Array(page.utf8), to: html, mode: 0o600)
            return StandardError.write("dockaudit: wrote \(html)")
        }
        var aureport = AureportRun(kind: kind, summary: summary, outcome: successOnly ? .success : failedOnly ? .failed : .any,
                                   json: format.isJSON, text: AureportText(interpret: interpret, userName: userName), criteria: criteria)
        aureport.onProgress = progress
        var run = ReportRun(aureport: aureport, containers: { ContainerSource.scan(root: nil) }, userName: userName)
        (run.grouped, run.includeOwn) = (grouped, includeOwn)
        let outcome = try run.run(files: files) { text in
            if let meter { meter.clearing { print(text, terminator: "") } } else { print(text, terminator: "") }
        }
        for note in outcome.notes { StandardError.write(note) }
        if outcome.foundNothing { throw ExitCode(1) }
    }
}
