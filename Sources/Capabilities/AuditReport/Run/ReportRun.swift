import AuditLog
import ContainerTrace
import HostIO

/// `dockaudit report KIND` as one call: aureport's reports (`AureportRun`), and dockaudit's
/// own: people, containers, and the anomalies grouped. It hands the report's text to `write`
/// once the log is read, and says whether it found nothing (exit status 1).
public struct ReportRun {
    public var aureport: AureportRun
    /// The anomalies as groups (`--grouped`) instead of aureport's anomaly report.
    public var grouped = false
    public var includeOwn = false
    /// Where containers come from, asked only by the containers report.
    public var containers: () -> ContainerScan
    public var userName: @Sendable (UInt32) -> String?

    public init(aureport: AureportRun, containers: @escaping () -> ContainerScan, userName: @escaping @Sendable (UInt32) -> String?) {
        self.aureport = aureport
        self.containers = containers
        self.userName = userName
    }

    /// Whether the report found nothing, and what to tell the user beside it (skipped lines, left-out events).
    public struct Outcome {
        public var foundNothing: Bool
        public var notes: [String]
    }

    /// `write` may be called from the scan's worker threads, one at a time.
    public func run(files: [String], write: @escaping @Sendable (String) throws -> Void) throws -> Outcome {
        let (kind, json, criteria, progress) = (aureport.kind, aureport.json, aureport.criteria, aureport.onProgress)
        switch kind {
        case .anomalies where grouped:
            let (groups, own) = try AnomalyGroups.read(LogFiles.open(files), criteria: criteria, userName: userName,
                                                       includeOwn: includeOwn, onProgress: progress)
            try write(groups.lines().map { $0 + "\n" }.joined())
            return Outcome(foundNothing: groups.groups.isEmpty, notes: own.note.map { ["dockaudit: \($0)"] } ?? [])
        case .containers:
            let catalog = try containers().counted(LogFiles.open(files), onProgress: progress)
            try write(json ? catalog.json() : catalog.text(userName: userName))
            return Outcome(foundNothing: false, notes: [])
        case .people:
            let (report, own) = try PeopleReport.read(LogFiles.open(files), criteria: criteria, includeOwn: includeOwn, onProgress: progress)
            try write(json ? report.json(userName: userName) : report.text(userName: userName))
            return Outcome(foundNothing: report.people.isEmpty, notes: own.note.map { ["dockaudit: \($0)"] } ?? [])
        default:
            let result = try aureport.run(files: files, write: write)
            return Outcome(foundNothing: result.counted == 0, notes: result.diagnostics.summary.map { [$0] } ?? [])
        }
    }
}
