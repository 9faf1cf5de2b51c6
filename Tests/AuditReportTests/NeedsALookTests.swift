import AuditLog
import AuditReport
import HostCheck
import Testing

@Suite struct NeedsALookTests {
    private func stamp(_ serial: Int) -> String { "msg=audit(1795797264.494:\(serial))" }

    private func syscall(_ serial: Int, number: Int, a1: String = "0", a2: String = "0", exe: String, cwd: String = "/root",
                         paths: [(String, String)], argv: [String] = []) -> [String] {
        var lines = ["type=SYSCALL \(stamp(serial)): arch=c000003e syscall=\(number) success=yes exit=0 a0=ffffff9c a1=\(a1) a2=\(a2) a3=0 items=\(paths.count) ppid=4000 pid=\(4001 + serial) auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=3 comm=\"x\" exe=\"\(exe)\" key=(null)"]
        if !argv.isEmpty {
            lines.append("type=EXECVE \(stamp(serial)): argc=\(argv.count) " + argv.enumerated().map { "a\($0.offset)=\"\($0.element)\"" }.joined(separator: " "))
        }
        lines.append("type=CWD \(stamp(serial)): cwd=\"\(cwd)\"")
        for (index, path) in paths.enumerated() {
            lines.append("type=PATH \(stamp(serial)): item=\(index) name=\"\(path.0)\" inode=1 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=\(path.1)")
        }
        return lines
    }

    private func sudo(_ serial: Int, _ command: String) -> String {
        "type=USER_CMD \(stamp(serial)): pid=5000 uid=1001 auid=1001 ses=3 subj=unconfined msg='cwd=\"/home/alice\" cmd=\(hex(command)) exe=\"/usr/bin/sudo\" terminal=pts/1 res=success'"
    }

    private var log: [String] {
        syscall(1, number: 59, exe: "/usr/bin/docker", paths: [("/usr/bin/docker", "NORMAL")],
                argv: ["docker", "run", "-d", "-v", "/var/run/docker.sock:/var/run/docker.sock", "busybox"])
            + syscall(2, number: 59, exe: "/usr/bin/docker", paths: [("/usr/bin/docker", "NORMAL")], argv: ["docker", "run", "-d", "busybox"])
            + syscall(3, number: 257, a2: "241", exe: "/usr/bin/vi", cwd: "/etc/docker", paths: [("daemon.json", "NORMAL")])
            + syscall(4, number: 257, a2: "0", exe: "/usr/bin/cat", paths: [("/etc/docker/daemon.json", "NORMAL")])
            + syscall(5, number: 82, exe: "/usr/bin/mv", paths: [("/etc/audit/rules.d/", "PARENT"), ("/etc/audit/rules.d/", "PARENT"),
                                                                ("x.rules", "DELETE"), ("/etc/audit/rules.d/docker.rules", "CREATE")])
            + ["type=CONFIG_CHANGE \(stamp(6)): auid=1001 ses=3 subj=unconfined op=add_rule key=\"docker\" list=4 res=1",
               "type=USER_LOGIN \(stamp(7)): pid=6000 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=login acct=\"mallory\" exe=\"/usr/sbin/sshd\" hostname=? addr=10.0.0.9 terminal=ssh res=failed'",
               "type=USER_LOGIN \(stamp(8)): pid=6001 uid=0 auid=1001 ses=3 subj=unconfined msg='op=login id=1001 exe=\"/usr/sbin/sshd\" hostname=? addr=10.0.0.9 terminal=ssh res=success'"]
            + (10..<17).map { sudo($0, $0 == 10 ? "cat <script>alert(1)</script>" : "id -\($0)") }
    }

    private func look() throws -> NeedsALook {
        var look = NeedsALook(userName: { [0: "root", 1001: "alice"][$0] })
        for event in try events(log) { look.add(event) }
        return look
    }

    @Test func findsWhatAReviewerShouldReadFirst() throws {
        let look = try look()
        #expect(look.counts == [.riskyContainer: 1, .dockerConfig: 1, .auditConfig: 2, .failedLogin: 1, .sudoCommand: 7])
        let risky = try #require(look.entries[.riskyContainer]?.first)
        #expect(risky.text.hasSuffix("alice, acting as root, started a container with the Docker socket mounted (/var/run/docker.sock): docker run -d -v /var/run/docker.sock:/var/run/docker.sock busybox"))
        #expect(look.entries[.dockerConfig]?.first?.event.id.serial == 3, "written through a relative name in /etc/docker; read-only opens are no change")
        #expect(look.entries[.auditConfig]?.map(\.event.id.serial) == [5, 6])
        #expect(look.entries[.failedLogin]?.first?.text.contains("someone failed to log in as mallory from 10.0.0.9") == true)
    }

    @Test func oneRuleLoadIsOneEntry() throws {
        let load = (20..<23).flatMap { serial in [
            "type=CONFIG_CHANGE \(stamp(serial)): auid=4294967295 ses=4294967295 op=add_rule key=\"docker\" list=4 res=1",
            "type=SYSCALL \(stamp(serial)): arch=c000003e syscall=44 success=yes exit=1080 a0=4 a1=7fff a2=438 a3=0 items=0 ppid=1 pid=777 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm=\"auditctl\" exe=\"/usr/sbin/auditctl\" key=(null)",
        ] }
        var look = NeedsALook(userName: { [0: "root"][$0] })
        for event in try events(load) { look.add(event) }
        #expect(look.counts[.auditConfig] == 1)
        let entry = try #require(look.entries[.auditConfig]?.first)
        #expect(entry.repeats == 3)
        #expect(entry.text.hasSuffix("root successfully added an audit rule keyed docker using /usr/sbin/auditctl, and 2 more in the same run"))
    }

    @Test func theHTMLReportOpensWithItLinksToTheAppendixAndCollapsesLongLists() throws {
        var overview = LogOverview(userName: { [1001: "alice"][$0] })
        for event in try events(log) { overview.add(event) }
        let html = HTMLReport(host: "h", generated: 1_795_797_264, files: ["audit.log"], overview: overview,
                              posture: .failure(.init("not root")), bootTiming: .failure(.init("none")), bootCount: 0, reboots: [],
                              containers: .failure(.init("none")), userName: { _ in nil }).render()
        let look = try #require(html.range(of: "<section id=\"look\">"))
        #expect(html[..<look.lowerBound].contains("<section") == false, "it is the first section")
        #expect(html.contains("<details class=\"look\" id=\"look-riskyContainer\" open><summary>Containers started with host access (1)</summary>"))
        #expect(html.contains("<details class=\"look\" id=\"look-sudoCommand\"><summary>sudo commands (7)</summary>"), "7 entries are collapsed")
        #expect(html.contains("<a href=\"#event-1795797264-494-1\">"))
        #expect(html.contains("<div class=\"event\" id=\"event-1795797264-494-1\">"))
        #expect(html.contains("a4=&quot;/var/run/docker.sock:/var/run/docker.sock&quot;"), "the appendix shows the records")
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func aQuietLogSaysSo() throws {
        var overview = LogOverview(userName: { _ in nil })
        for event in try events(openEvent(serial: 1, name: "/etc/hostname")) { overview.add(event) }
        let html = HTMLReport(host: "h", generated: 0, files: [], overview: overview, posture: .failure(.init("-")),
                              bootTiming: .failure(.init("-")), bootCount: 0, reboots: [], containers: .failure(.init("-")),
                              userName: { _ in nil }).render()
        #expect(html.contains("Nothing in the log: no container started with host access"))
        #expect(!html.contains("id=\"appendix\""))
    }
}
