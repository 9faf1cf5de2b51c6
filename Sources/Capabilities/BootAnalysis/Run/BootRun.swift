import AuditLog
import HostIO

/// What `boot` reads: the boot's timing (saved systemd-analyze outputs, or systemd-analyze
/// itself on a systemd host) and the boots of the audit log, judged.
public enum BootRun {
    /// Where the timing comes from.
    public enum TimingSource: Sendable {
        /// Files saved from `systemd-analyze`, `… blame` and `… critical-chain`; any may be absent.
        case saved(time: String?, blame: String?, criticalChain: String?)
        /// systemd-analyze on this host, when systemd is PID 1.
        case systemd
    }

    /// The timing, or why there is none (not systemd, systemd-analyze missing). A saved
    /// file that cannot be read, or is not text, is an error naming it.
    public static func timing(_ source: TimingSource, files: any HostFiles = LocalHostFiles()) throws(HostError)
        -> (timing: BootTiming?, unavailable: String?) {
        var timing = BootTiming()
        switch source {
        case .saved(let time, let blame, let criticalChain):
            for (path, part) in [(time, Part.time), (blame, .blame), (criticalChain, .chain)] {
                guard let path else { continue }
                let bytes = try files.load(path).get()
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw HostError(path: path, reason: .other("not text (invalid UTF-8)"))
                }
                part.read(text, into: &timing, source: path)
            }
        case .systemd:
            let init1 = HostIdentity.initProcess(files) ?? "unknown"
            guard init1 == "systemd" else {
                return (nil, "this host does not run systemd (PID 1 is \(init1)): no boot timing; give --time, --blame and --critical-chain files saved from a systemd host")
            }
            for (arguments, part) in [([String](), Part.time), (["blame"], .blame), (["critical-chain"], .chain)] {
                guard let result = ProgramRun.run("/usr/bin/systemd-analyze", arguments) else {
                    return (nil, "systemd-analyze cannot be run")
                }
                part.read(result.output, into: &timing, source: "systemd-analyze " + arguments.joined(separator: " "))
            }
        }
        return (timing, nil)
    }

    /// The boots of the logs at `paths` (as `LogFiles.resolve` takes them), with a note for
    /// the reader when the log could not be read, holds no events, or is out of time order.
    public static func history(_ paths: [String]) -> (history: BootHistory, note: String?, diagnostics: Diagnostics) {
        var history = BootHistory()
        var note: String?
        var stream = EventStream()
        do {
            try stream.scan(files: try LogFiles.resolve(paths)) { history.add($0) }
            history.finish()
        } catch {
            note = "the audit log could not be read: \(error)"
        }
        if note == nil && history.boots.isEmpty { note = "no events in the audit log" }
        if history.outOfOrder > 0 {
            note = (note.map { $0 + "; " } ?? "") + "\(history.outOfOrder) events more than a minute out of time order (a clock change, or logs of several hosts mixed)"
        }
        return (history, note, stream.diagnostics)
    }

    /// What `dockaudit boot` shows: the slowest `top` units of `timing`, the boots of the logs
    /// at `paths` judged against the maintenance `windows`, and with `compare` two boots side by
    /// side (by number; a number the log does not have is an error saying which it has).
    public static func report(timing source: TimingSource, top: Int, logs paths: [String], windows: [MaintenanceWindow],
                              compare: (Int, Int)? = nil) throws -> (report: BootReport, diagnostics: Diagnostics) {
        let (timing, unavailable) = try Self.timing(source)
        let (history, note, diagnostics) = Self.history(paths)
        let boots = history.boots
        var comparison: BootComparison?
        if let (first, second) = compare {
            guard let a = boots.first(where: { $0.number == first }), let b = boots.first(where: { $0.number == second }) else {
                throw UnknownBoot(count: boots.count)
            }
            comparison = BootComparison(a, b)
        }
        let report = BootReport(timing: timing.map { BootTimingReport(timing: $0, top: top) }, timingUnavailable: unavailable,
                                boots: boots, verdicts: RebootVerdicts.judge(boots, windows: windows),
                                comparison: comparison, logNote: note)
        return (report, diagnostics)
    }

    /// A boot number to compare that the log does not have.
    package struct UnknownBoot: UserFacingError {
        public let count: Int
        public var description: String { "--compare: the log has boots 1 to \(count)" }
    }

    private enum Part {
        case time, blame, chain

        func read(_ text: String, into timing: inout BootTiming, source: String) {
            switch self {
            case .time: timing.readTime(text, source: source)
            case .blame: timing.readBlame(text, source: source)
            case .chain: timing.readCriticalChain(text, source: source)
            }
        }
    }
}
