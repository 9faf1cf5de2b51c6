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
