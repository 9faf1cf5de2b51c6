import AuditLog
import AuditReport
import BootAnalysis
import Glibc
import HostCheck
import HostIO

/// `dockaudit report --html FILE`: the live host's posture (as root) and boot timing, the
/// log read in three passes, one self-contained page written atomically.
enum HTMLReportCommand {
    static func write(to path: String, files: [String], criteria: SearchCriteria, userName: @escaping @Sendable (UInt32) -> String?,
                      onProgress: ((Int) -> Void)?) throws {
        let posture: Result<CheckReport, HTMLReport.ReportGap> = getuid() == 0
            ? .success(HostChecker().check(SnapshotReader.live().read()))
            : .failure(.init("The host's audit posture needs root (run dockaudit check as root)."))
        let (timing, unavailable) = try BootRun.timing(.systemd)
        let bootTiming: Result<BootTimingReport, HTMLReport.ReportGap> = timing.map { .success(BootTimingReport(timing: $0, top: 10)) }
            ?? .failure(.init(unavailable ?? "No boot timing."))
        var run = HTMLReportRun(host: HostIdentity.hostName(), generated: Int64(time(nil)), criteria: criteria, posture: posture,
                                bootTiming: bootTiming, containers: ContainerSource.scan(root: nil))
        run.userName = userName
        run.onProgress = onProgress
        let (page, diagnostics) = try run.render(files: files)
        if let warning = diagnostics.summary { StandardError.write(warning) }
        try AtomicFile.write(Array(page.utf8), to: path, mode: 0o600)
        StandardError.write("dockaudit: wrote \(path)")
    }
}
