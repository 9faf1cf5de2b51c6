import ArgumentParser
import AuditLog
import AuditReport
import ContainerTrace
import Glibc
import HostIO

/// `dockaudit search`: ausearch's selection and output over audit logs.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Select audit events, with ausearch's options and formats.",
        discussion: "Exit status: 0 when events matched, 1 when none did, 2 on usage or I/O errors."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var outcome: SuccessValueOption
    @Option(help: "default, raw, interpret, json, or text (one sentence per event).")
    var format: OutputChoice?
    @Flag(name: [.customShort("i"), .customLong("interpret")], help: "Same as --format interpret.")
    var interpret = false
    @Flag(name: [.customShort("r"), .customLong("raw")], help: "Same as --format raw.")
    var raw = false
    @OptionGroup var place: PlaceOptions
    @Flag(help: "No progress display on stderr (shown for long scans when results go to a file or pipe).")
    var quiet = false
    @Flag(name: .customLong("include-own"), help: "Keep the events of dockaudit's own processes in sentences (--format text).")
    var includeOwn = false
    @Flag(name: .customLong("attribute"), help: "Add container and actor to JSON events (implied by the container options).")
    var attribute = false

    /// Container options place each event as the log is read (files or standard input);
    /// sentences name the container too.
    private var places: SearchRun.Places { place.places }
    private var usesContainers: Bool { !places.isEmpty || attribute }
    private var chosen: OutputChoice { raw ? .raw : interpret ? .interpret : format ?? .default }

    func validate() throws {
        try format?.accept([.default, .raw, .interpret, .json, .text])
    }

    func run() throws {
        var criteria = try selection.criteria()
        criteria.success = try outcome.value()
        let files = try input.files()
        var run = SearchRun(criteria: criteria, output: chosen.eventOutput)
        let inputs = try LogFiles.open(files)
        if usesContainers || chosen == .text { run.catalog = ContainerSource.scan(root: nil).catalog() }
        run.places = places
        run.includeOwn = includeOwn
        run.userName = ContainerSource.userName
        // Results on the terminal show progress themselves; to a file or pipe, say how far the scan is.
        let meter = isatty(1) == 1 ? nil : ProgressMeter.forFiles(files, quiet: quiet)
        defer { meter?.finish() }
        run.onProgress = meter?.callback
        let result: SearchRun.Result
        do {
            result = try run.run(inputs) { out in try out.flush(to: 1) }
        } catch let unknown as SearchRun.UnknownContainer {
            StandardError.write("dockaudit: \(unknown)")
            throw ExitCode(1)
        }
        meter?.finish()
        if let warning = result.diagnostics.summary { StandardError.write(warning) }
        if let note = result.own.note { StandardError.write("dockaudit: \(note)") }
        if result.matched == 0 {
            StandardError.write("<no matches>")
            throw ExitCode(1)
        }
    }
}
