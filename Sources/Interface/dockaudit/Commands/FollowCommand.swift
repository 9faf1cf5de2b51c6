import ArgumentParser
import AuditLog
import AuditReport
import Glibc
import HostIO
import LiveAudit

/// `dockaudit follow`: the live log, event by event, placed in containers as it is written.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Follow the live audit log: events as auditd writes them, with their containers.",
        discussion: """
            Starts at the end of the log (with --from-start or -ts, reads what is there first, rotated files included) \
            and follows auditd's rotations. An event is written once it is complete: when a later one shows it must be, \
            or after --quiet-time seconds without input. SIGINT or SIGTERM writes everything pending and exits 0. \
            With --state FILE the position is kept there, so a restart (even after kill -9) loses nothing; an event \
            written twice carries the same id. Exit status: 0 when stopped, 2 on usage or I/O errors.
            """
    )

    @Option(name: [.customLong("if", withSingleDash: true), .customLong("input")],
            help: "The live log, or the directory it is in. Default: /var/log/audit/audit.log.")
    var input = "/var/log/audit/audit.log"
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var outcome: SuccessValueOption
    @Option(help: "default, raw, interpret, json (with container, actor and process), or text (sentences).")
    var format: OutputChoice = .default
    @Flag(name: .customLong("from-start"), help: "Read the log from its oldest rotated file first.")
    var fromStart = false
    @Option(help: "Keep the position in this file and resume from it.")
    var state: String?
    @Flag(help: "Write the losses (kernel, serial gaps, auditd's dispatcher) on stderr every --stats-interval seconds and at the end.")
    var stats = false
    @Option(name: .customLong("stats-interval"), help: "Seconds between stats lines.")
    var statsInterval = 60.0
    @Option(name: .customLong("quiet-time"), help: "Seconds without input after which pending events are written.")
    var quietTime = 2.0
    @Option(name: .customLong("for"), help: "Stop after this many seconds (default: run until stopped).")
    var duration: Double?
    @OptionGroup var place: PlaceOptions
    @OptionGroup var detections: LiveDetectOptions
    @Flag(name: .customLong("include-own"), help: "Keep the events of dockaudit's own processes.")
    var includeOwn = false

    func validate() throws {
        try format.accept([.default, .raw, .interpret, .json, .text])
        guard quietTime > 0, statsInterval > 0 else { throw ValidationError("--quiet-time and --stats-interval must be positive") }
    }

    func run() throws {
        var criteria = try selection.criteria()
        criteria.success = try outcome.value()
        var search = SearchRun(criteria: criteria, output: format.eventOutput)
        var catalog = ContainerSource.scan(root: nil).catalog()
        catalog.asksEngineForNewLaunches = true
        search.catalog = catalog
        search.places = place.places
        search.includeOwn = includeOwn
        search.userName = ContainerSource.userName
        var follow = FollowRun(search: search, path: LogFiles.isDirectory(input) ? input + "/audit.log" : input)
        follow.fromStart = fromStart || !selection.start.isEmpty
        follow.statePath = state
        follow.showsStats = stats
        follow.statsInterval = statsInterval
        follow.quietSeconds = quietTime
        follow.stopAfter = duration
        follow.detection = try detections.detection(json: format == .json)
        LiveSignals.watch()
        do {
            let result = try follow.run(write: { out in try out.flush(to: 1) }, note: { StandardError.write("dockaudit: \($0)") })
            if let warning = result.diagnostics.summary { StandardError.write(warning) }
        } catch let error as InputError where error.path == "<output>" {
            return   // the reader went away (a pipe closed): nothing more to do
        }
    }
}
