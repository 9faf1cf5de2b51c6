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

    /// Sentences are written on the scan's workers and the own processes told in log order
    /// at delivery: a child of dockaudit thousands of events (many batches) after it is
    /// still left out, and a host process reusing its pid afterwards is not.
    @Test func sentencesOnTheWorkersLeaveOutTheToolInLogOrder() throws {
        func syscall(_ serial: Int, pid: Int, ppid: Int, exe: String) -> String {
            Self.syscall(serial, pid: pid, ppid: ppid, exe: exe).replacingOccurrences(of: "1795778816.\(100 + serial):", with: "\(1795778816 + serial).000:")
        }
        var lines = [syscall(1, pid: 100, ppid: 50, exe: "/usr/local/bin/dockaudit")]
        lines += (2..<3000).map { syscall($0, pid: 1000 + $0, ppid: 50, exe: "/usr/bin/true") }
        lines += [syscall(3000, pid: 101, ppid: 100, exe: "/usr/sbin/auditctl"), syscall(3001, pid: 101, ppid: 50, exe: "/usr/bin/cat")]
        let run = SearchRun(criteria: SearchCriteria(), output: .sentences(EventSentence(userName: { _ in nil })))
        final class Written: @unchecked Sendable { var text = "" }
        let written = Written()
        let result = try run.run([MemoryLogSource(text: lines.joined(separator: "\n") + "\n")]) { buffer in
            written.text += String(decoding: buffer.bytes, as: UTF8.self)
        }
        #expect(result.matched == 2999 && result.own.leftOut == 2)
        #expect(!written.text.contains("auditctl") && written.text.contains("/usr/bin/cat"))
        #expect(written.text.split(separator: "\n").count == 2999)
    }
}
