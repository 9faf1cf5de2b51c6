#if canImport(Glibc)
import Glibc
#endif
import AuditRules
import HostIO

/// Reads the losses the host counts outside the stream: the kernel's `lost` counter and
/// auditd's dispatcher report.
public enum LossProbe {
    /// Fills `report`'s kernel and dispatcher figures. With `askAuditd`, auditd is first asked
    /// (SIGCONT) to write its state report afresh; `check`, which changes nothing, does not ask.
    public static func fill(_ report: inout LossReport, askAuditd: Bool, files: any HostFiles = LocalHostFiles()) {
        if let status = ProgramRun.run("/sbin/auditctl", ["-s"]), status.status == 0 {
            report.kernelLost = AuditStatus(parsing: status.output).number("lost")
        }
        if askAuditd, let pid = auditdPid(files: files) {
            kill(pid_t(pid), SIGCONT)
            usleep(100_000)
        }
        guard let bytes = files.read(AuditdState.path) else { return }
        let state = AuditdState(parsing: String(decoding: bytes, as: UTF8.self))
        report.dispatcherOverflowed = state.pluginQueueOverflowed
        report.dispatcherMaximumDepth = state.pluginQueueMaximumDepth
        report.dispatcherQueueSize = state.pluginQueueSize
    }

    private static func auditdPid(files: any HostFiles) -> Int? {
        for path in ["/run/auditd.pid", "/var/run/auditd.pid"] {
            if let bytes = files.read(path), let pid = Int(String(decoding: bytes, as: UTF8.self).trimmedBlanks()) { return pid }
        }
        return nil
    }
}
