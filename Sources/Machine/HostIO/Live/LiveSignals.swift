#if canImport(Glibc)
import Glibc
#endif
import CGlibcExtras

/// The signals a live loop answers: SIGINT and SIGTERM stop it (after it flushes),
/// SIGHUP asks it to reopen its output; SIGPIPE is ignored so a gone reader is an EPIPE.
public enum LiveSignals {
    public static func watch() { dockaudit_watch_signals() }
    public static var stopRequested: Bool { dockaudit_stop_requested() != 0 }
    /// True once per SIGHUP.
    public static func takeReload() -> Bool { dockaudit_take_reload() != 0 }

    /// Seconds on a clock that only goes forward, for quiet times and intervals.
    public static func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    public static func sleep(_ seconds: Double) { usleep(useconds_t(seconds * 1e6)) }
}

/// The processes of this host, as the kernel knows them now.
public enum ProcessTable {
    /// Whether `pid` runs (a process of another user counts).
    public static func isAlive(_ pid: Int) -> Bool { kill(pid_t(pid), 0) == 0 || errno == EPERM }

    /// The program name of this process's parent (`auditd` when auditd started it).
    public static func parentName() -> String? {
        LocalHostFiles().read("/proc/\(getppid())/comm").map { String(decoding: $0, as: UTF8.self).trimmedBlanks() }
    }
}
