import AuditLog
import BootAnalysis
import ContainerTrace
import HostCheck
import HostIO
#if canImport(Glibc)
import Glibc
#endif

/// The one-file HTML report as one call: the log read for the overview and the boots,
/// then once more for the containers (`ContainerScan`), with the host's posture and the
/// boot's timing as the caller could get them (a gap says why one is missing).
public struct HTMLReportRun {
    public var host: String
    package var generated: Int64
    public var criteria: SearchCriteria
    public var posture: Result<CheckReport, HTMLReport.ReportGap>
    package var bootTiming: Result<BootTimingReport, HTMLReport.ReportGap>
    public var containers: ContainerScan
    /// The report reads the log twice (the overview, then the containers), so not from a pipe.
    public static let readsTwice = "the HTML report reads the log twice: give files, not standard input"
    public var userName: @Sendable (UInt32) -> String? = { _ in nil }
    public var onProgress: ((Int) -> Void)?
    /// The overview leaves out dockaudit's own processes unless this is true.
    public var includeOwn = false

    public init(host: String, generated: Int64, criteria: SearchCriteria, posture: Result<CheckReport, HTMLReport.ReportGap>,
                bootTiming: Result<BootTimingReport, HTMLReport.ReportGap>, containers: ContainerScan) {
        self.host = host
        self.generated = generated
        self.criteria = criteria
        self.posture = posture
        self.bootTiming = bootTiming
        self.containers = containers
    }

    /// The report of this host: its posture when running as root (else a gap that says so),
    /// systemd's boot timing where systemd runs, and its containers through `containers`.
    public static func thisHost(criteria: SearchCriteria, containers: ContainerScan) throws -> HTMLReportRun {
        let posture: Result<CheckReport, HTMLReport.ReportGap> = getuid() == 0
            ? .success(HostChecker().check(SnapshotReader.live().read()))
            : .failure(.init("The host's audit posture needs root (run dockaudit check as root)."))
        let (timing, unavailable) = try BootRun.timing(.systemd)
        let bootTiming: Result<BootTimingReport, HTMLReport.ReportGap> = timing.map { .success(BootTimingReport(timing: $0, top: 10)) }
            ?? .failure(.init(unavailable ?? "No boot timing."))
        return HTMLReportRun(host: HostIdentity.hostName(), generated: Int64(time(nil)), criteria: criteria, posture: posture,
                             bootTiming: bootTiming, containers: containers)
    }

    /// The page, and what the first pass skipped.
    public func render(files: [String]) throws -> (page: String, diagnostics: Diagnostics) {
        var overview = LogOverview(userName: userName)
        var boots = BootHistory()
        var stream = EventStream()
        stream.onProgress = onProgress
        let criteria = self.criteria
        var own = OwnProcesses()
        let includeOwn = self.includeOwn
        try stream.scan(files: files) { event in
            boots.add(event)
            if !own.isOwn(event) || includeOwn, criteria.matches(event) { overview.add(event) }
        }
        boots.finish()
        let catalog = try containers.counted(LogFiles.open(files), onProgress: onProgress)
        let seen = catalog.containers.sorted { $0.events > $1.events }.map { (label: catalog.label(for: $0.id), events: $0.events) }
        let report = HTMLReport(host: host, generated: generated, files: files, overview: overview,
                                posture: posture, bootTiming: bootTiming,
                                bootCount: boots.boots.count, reboots: RebootVerdicts.judge(boots.boots, windows: []),
                                containers: seen.isEmpty ? .failure(.init("No containers in the log.")) : .success(seen),
                                userName: userName, ownLeftOut: own.leftOut)
        return (report.render(), stream.diagnostics)
    }
}

extension OwnProcesses {
    /// Hands each event of `inputs` that `criteria` selects to `body`, in log order, leaving
    /// out dockaudit's own unless `includeOwn`; returns what was left out.
    static func scan(_ inputs: [any LogSource], criteria: SearchCriteria, includeOwn: Bool, onProgress: ((Int) -> Void)?,
                     _ body: (AuditEvent) -> Void) throws -> OwnProcesses {
        var own = OwnProcesses()
        var stream = EventStream()
        stream.onProgress = onProgress
        try stream.scan(inputs) { event in
            if !own.isOwn(event) || includeOwn, criteria.matches(event) { body(event) }
        }
        return own
    }
}

extension PeopleReport {
    /// Each login user of `inputs` that `criteria` selects, followed through sudo and su;
    /// dockaudit's own processes are left out unless `includeOwn`.
    public static func read(_ inputs: [any LogSource], criteria: SearchCriteria, includeOwn: Bool = false,
                            onProgress: ((Int) -> Void)? = nil) throws -> (report: PeopleReport, own: OwnProcesses) {
        var report = PeopleReport()
        let own = try OwnProcesses.scan(inputs, criteria: criteria, includeOwn: includeOwn, onProgress: onProgress) { report.add($0) }
        return (report, own)
    }
}

extension AnomalyGroups {
    /// The anomaly events of `inputs` that `criteria` selects, grouped; dockaudit's own
    /// (its crashes) are left out unless `includeOwn`.
    public static func read(_ inputs: [any LogSource], criteria: SearchCriteria, userName: @escaping @Sendable (UInt32) -> String?,
                            includeOwn: Bool = false, onProgress: ((Int) -> Void)? = nil) throws -> (groups: AnomalyGroups, own: OwnProcesses) {
        var groups = AnomalyGroups(userName: userName)
        let own = try OwnProcesses.scan(inputs, criteria: criteria, includeOwn: includeOwn, onProgress: onProgress) { groups.add($0) }
        return (groups, own)
    }
}
