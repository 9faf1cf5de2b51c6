import ArgumentParser
import AuditLog
import AuditReport
import AuditRules
import BootAnalysis
import HostCheck
#if canImport(Glibc)
import Glibc
#endif
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

    @Argument(help: "The report (default: summary).") var kind: ReportKind = .summary
    @OptionGroup var input: InputOptions
    @OptionGroup var selection: SelectionOptions

    @Flag(name: .customLong("summary"), help: "Totals per item, most first, instead of one line per event.")
    var summary = false
    @Flag(name: .customLong("success"), help: "Only events that succeeded.") var successOnly = false
    @Flag(name: .customLong("failed"), help: "Only events that failed.") var failedOnly = false
    @Flag(name: [.customShort("i"), .customLong("interpret")], help: "Names instead of numbers (users, syscalls, types).")
    var interpret = false
    @Option(help: "text or json.") var format: OutputChoice = .text
    @Option(help: "Write the one-file HTML report here (posture, boot, timeline, top lists, anomalies).")
    var html: String?
    @Flag(help: "No progress display on stderr.") var quiet = false

    func validate() throws {
        if successOnly && failedOnly { throw ValidationError("--success and --failed exclude each other") }
    }

    func run() throws {
        let criteria = try selection.criteria()
        let readsTwice = html != nil || kind == .containers || kind == .people
        let files = try input.files(refusingStandardInput: readsTwice ? ContainerLog.readsTwice : nil)
        let meter = ProgressMeter.forFiles(files, quiet: quiet)
        defer { meter?.finish() }
        if let html {
            try HTMLReportCommand.write(to: html, files: files, criteria: criteria, meter: meter)
            return
        }
        switch kind {
        case .containers:
            try ContainersCommand.report(files: files, root: nil, format: format, meter: meter)
            return
        case .people:
            try PeopleReportCommand.write(files: files, criteria: criteria, json: format == .json, meter: meter)
            return
        default: break
        }
        let names = LocalNameResolver()
        var run = AureportRun(kind: kind, summary: summary, outcome: successOnly ? .success : failedOnly ? .failed : .any,
                              json: format == .json,
                              text: AureportText(interpret: interpret, userName: { names.userName($0) }),
                              criteria: criteria)
        run.onProgress = meter.map { meter in { meter.update($0) } }
        let result = try run.run(files: files) { text in
            meter?.finish()
            print(text, terminator: "")
        }
        if let warning = result.diagnostics.summary { StandardError.write(warning) }
        if result.counted == 0 { throw ExitCode(1) }
    }
}

/// `dockaudit report people`: each login user followed through sudo and su.
enum PeopleReportCommand {
    static func write(files: [String], criteria: SearchCriteria, json: Bool, meter: ProgressMeter?) throws {
        var report = PeopleReport()
        var stream = EventStream()
        stream.onProgress = meter.map { meter in { meter.update($0) } }
        try stream.scan(files: files) { event in
            if criteria.matches(event) { report.add(event) }
        }
        meter?.finish()
        let names = LocalNameResolver()
        print(json ? report.json(userName: names.userName) : report.text(userName: names.userName), terminator: "")
        if report.people.isEmpty { throw ExitCode(1) }
    }
}

/// `dockaudit report --html FILE`: reads the log (three passes: overview and boots, then the
/// containers' two), checks the live host, and writes one self-contained page atomically.
enum HTMLReportCommand {
    static func write(to path: String, files: [String], criteria: SearchCriteria, meter: ProgressMeter?) throws {
        let names = LocalNameResolver()
        var overview = LogOverview(userName: { names.userName($0) })
        var boots = BootHistory()
        var stream = EventStream()
        stream.onProgress = meter.map { meter in { meter.update($0) } }
        try stream.scan(files: files) { event in
            boots.add(event)
            if criteria.matches(event) { overview.add(event) }
        }
        boots.finish()
        if let warning = stream.diagnostics.summary { StandardError.write(warning) }
        let posture: Result<CheckReport, HTMLReport.ReportGap> = getuid() == 0
            ? .success(HostChecker().check(try HostOptions.parse([]).snapshot()))
            : .failure(.init("The host's audit posture needs root (run dockaudit check as root)."))
        let (timing, unavailable) = try BootCommand.readTiming(time: nil, blame: nil, criticalChain: nil)
        let bootTiming: Result<BootTimingReport, HTMLReport.ReportGap> = timing.map { .success(BootTimingReport(timing: $0, top: 10)) }
            ?? .failure(.init(unavailable ?? "No boot timing."))
        let catalog = try ContainersCommand.counted(files: files, root: nil, meter: meter)
        meter?.finish()
        let containers = catalog.containers.sorted { $0.events > $1.events }.map { (label: catalog.label(for: $0.id), events: $0.events) }
        let report = HTMLReport(host: HostIdentity.hostName(), generated: Int64(time(nil)), files: files, overview: overview,
                                posture: posture, bootTiming: bootTiming,
                                bootCount: boots.boots.count, reboots: RebootVerdicts.judge(boots.boots, windows: []),
                                containers: containers.isEmpty ? .failure(.init("No containers in the log.")) : .success(containers),
                                userName: { names.userName($0) })
        try AtomicFile.write(Array(report.render().utf8), to: path, mode: 0o600)
        StandardError.write("dockaudit: wrote \(path)")
    }
}
