import AuditLog
import AuditReport
import Testing
import TestSupport

/// dockaudit's own runs, as `fix --apply` leaves them: the tool, the auditctl it starts, a
/// crash of the tool; and a host process that reuses the auditctl's pid afterwards.
@Suite struct OwnProcessesTests {
    static func syscall(_ serial: Int, pid: Int, ppid: Int, exe: String) -> String {
        #"type=SYSCALL msg=audit(1795778816.\#(100 + serial):\#(serial)): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=\#(ppid) pid=\#(pid) auid=0 uid=0 gid=0 euid=0 tty=(none) ses=1 comm="x" exe="\#(exe)" key="exec""#
    }

    @Test func theToolAndWhatItStartsAreLeftOutAndCounted() {
        let lines = [
            Self.syscall(1, pid: 100, ppid: 50, exe: "/usr/local/bin/dockaudit"),
            Self.syscall(2, pid: 101, ppid: 100, exe: "/usr/sbin/auditctl"),
            #"type=ANOM_ABEND msg=audit(1795778816.300:3): auid=0 uid=0 gid=0 ses=1 pid=100 comm="dockaudit" exe="/usr/local/bin/dockaudit" sig=11 res=1"#,
            Self.syscall(4, pid: 101, ppid: 50, exe: "/usr/bin/cat"),
            Self.syscall(5, pid: 102, ppid: 101, exe: "/usr/bin/ls"),
            #"type=DAEMON_START msg=audit(1795778816.600:6): op=start ver=3.0.9 format=enriched kernel=6.1 auid=4294967295 res=success"#,
        ]
        var own = OwnProcesses()
        let kept = events(lines).filter { !own.isOwn($0) }.map(\.id.serial)
        #expect(kept == [4, 5, 6])
        #expect(own.leftOut == 3)
        #expect(own.note == "left out 3 events of dockaudit's own processes (--include-own shows them)")
        #expect(OwnProcesses().note == nil)
    }

    /// The parent is known even when the selection leaves it out: `-x auditctl` still drops
    /// the auditctl that dockaudit started.
    @Test func childrenAreKnownThroughEventsTheSelectionSkips() throws {
        let log = [Self.syscall(1, pid: 100, ppid: 50, exe: "/usr/local/bin/dockaudit"),
                   Self.syscall(2, pid: 101, ppid: 100, exe: "/usr/sbin/auditctl")].joined(separator: "\n") + "\n"
        var criteria = SearchCriteria()
        criteria.exe = "auditctl"
        let (report, own) = try PeopleReport.read([MemoryLogSource(text: log)], criteria: criteria)
        #expect(report.people.isEmpty && own.leftOut == 2)
    }
}
