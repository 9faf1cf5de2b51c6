import AuditLog
import HostCheck
import Testing
import AuditReport

@Suite struct HTMLReportTests {
    static let hostile = "<img src=x onerror=alert(1)>"

    private func page(_ names: [String]) throws -> String {
        var overview = LogOverview(userName: { [1001: "alice"][$0] })
        for (index, name) in names.enumerated() {
            for event in try events(openEvent(serial: 100 + index, name: name, quoted: false)) { overview.add(event) }
        }
        let posture = CheckReport(results: [CheckResult(id: "cis-1.1.3", cis: "1.1.3", title: "auditing of \(Self.hostile)",
                                                        category: .cis, status: .fail, evidence: ["<b>evidence</b>"])])
        return HTMLReport(host: "host<script>", generated: 1_795_797_264, files: ["/var/log/audit/<x>.log"], overview: overview,
                          posture: .success(posture), bootTiming: .failure(.init("no systemd <here>")), bootCount: 1, reboots: [],
                          containers: .success([(label: "web<svg onload=alert(3)>", events: 3)]), userName: { _ in nil }).render()
    }

    @Test func aLogWithOneBootSaysSoInsteadOfNoBoots() throws {
        let html = try page(["/etc/hostname"])
        #expect(html.contains("1 boot in the log, so no reboot to judge."))
        #expect(!html.contains("No boots in the log"))
    }

    @Test func escapesEveryValueFromTheLogAndTheHost() throws {
        let html = try page([Self.hostile, "<script>alert(2)"])
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;script&gt;alert(2)"))
        #expect(html.contains("host&lt;script&gt;"))
    }

    @Test func isSelfContained() throws {
        let html = try page(["/etc/shadow"])
        // The only URL is SVG's namespace name, which is never fetched.
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://") == false)
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        #expect(html.contains("default-src 'none'"))
        #expect(html.contains("<svg"))
    }

    @Test func countsAsAureportDoes() throws {
        var overview = LogOverview(userName: { _ in nil })
        for event in try events(openEvent(serial: 1, name: "/etc/shadow") + openEvent(serial: 2, name: "/etc/passwd", success: false)) {
            overview.add(event)
        }
        #expect(overview.summary.counters.events == 2)
        #expect(overview.summary.counters.failedSyscalls == 1)
        #expect(overview.summary.counters.files == 2)
        #expect(overview.failedSyscalls.items == ["openat"])
        #expect(overview.users.items == [1001])
    }
}
