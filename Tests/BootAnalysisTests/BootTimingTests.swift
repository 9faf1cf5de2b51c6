import Foundation
import Testing
@testable import BootAnalysis

/// systemd-analyze's outputs in all their forms, the article's figures first.
struct BootTimingTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func theArticlesBoot() throws {
        var timing = BootTiming()
        timing.readTime(try Self.fixture("article-time.txt"))
        timing.readBlame(try Self.fixture("article-blame.txt"))
        timing.readCriticalChain(try Self.fixture("article-critical-chain.txt"))
        #expect(timing.unreadable.isEmpty, "\(timing.unreadable)")
        #expect(timing.total == 6.952)
        #expect(timing.parts == [.init(name: "kernel", seconds: 1.026), .init(name: "userspace", seconds: 5.925)])
        #expect(timing.target == "graphical.target" && timing.targetReachedAfter == 5.913)
        let report = BootTimingReport(timing: timing)
        #expect(report.top.map(\.unit) == ["fail2ban.service", "cloud-init.service", "cloud-init-local.service",
                                           "apache2.service", "postfix.service"])
        #expect(report.top.map(\.seconds) == [2.084, 1.958, 1.851, 1.597, 1.134])
        #expect(abs((report.top[0].share ?? 0) - 2.084 / 5.925) < 1e-9)
        #expect(report.top[0].securityRelevant && !report.top[1].securityRelevant)
        #expect(report.securityUnits.map(\.unit).contains("auditd.service"))
        #expect(report.auditdBeforeDocker == true)
        #expect(timing.chain.first { $0.unit == "docker.service" } == .init(unit: "docker.service", activeAt: 2.933, took: 0.893, depth: 3))
    }

    @Test func everyPartAndUnitForm() throws {
        var timing = BootTiming()
        timing.readTime(try Self.fixture("uefi-time.txt"))
        #expect(timing.parts.map(\.name) == ["firmware", "loader", "kernel", "initrd", "userspace"])
        #expect(timing.userspace == 74.063 && timing.total == 91.422 && timing.targetReachedAfter == 73.2)
        #expect(Timespan.seconds("1min 2.345s") == 62.345)
        #expect(Timespan.seconds("2h 3min 4.5s") == 7384.5)
        for (text, seconds) in [("345ms", 0.345), ("12us", 0.000012), ("7µs", 0.000007)] {
            #expect(abs(Timespan.seconds(text)! - seconds) < 1e-12, "\(text)")
        }
        #expect(Timespan.seconds("1d") == 86400 && Timespan.seconds("fast") == nil && Timespan.seconds("") == nil)
    }

    @Test func unfinishedAndNeverReached() throws {
        var unfinished = BootTiming()
        unfinished.readTime(try Self.fixture("unfinished-time.txt"))
        #expect(unfinished.notFinished && unfinished.total == nil && unfinished.unreadable.isEmpty)
        var never = BootTiming()
        never.readTime(try Self.fixture("never-reached-time.txt"))
        #expect(never.targetNeverReached && never.target == "graphical.target" && never.total == 92.657)
    }

    @Test func asciiTreesAndAuditdTooLate() throws {
        var timing = BootTiming()
        timing.readCriticalChain(try Self.fixture("ascii-critical-chain.txt"))
        #expect(timing.chain.map(\.unit) == ["docker.service", "containerd.service", "network-online.target",
                                             "auditd.service", "local-fs.target"])
        #expect(timing.chain[0].took == 8.51 && timing.chain[0].activeAt == nil)
        let report = BootTimingReport(timing: timing)
        // docker has no @ here; containerd is active at 3.2 s, auditd only at 9.85 s.
        #expect(report.auditdBeforeDocker == false)
    }

    @Test func garbledAndEmptyInput() {
        var timing = BootTiming()
        timing.readTime("")
        timing.readBlame("\u{0}\u{1}garbage\n2.1s\n12x unit.service\n 300ms ok.service\n")
        timing.readCriticalChain("└─\n")
        #expect(timing.blame == [.init(unit: "ok.service", seconds: 0.3)])
        #expect(timing.unreadable.count == 4)
        let report = BootTimingReport(timing: timing)
        #expect(report.top.count == 1 && report.top[0].share == nil)
        #expect(BootChart.svg(report).hasPrefix("<svg"))
    }

    @Test func chartIsSelfContainedAndEscaped() throws {
        var timing = BootTiming()
        timing.readTime(try Self.fixture("article-time.txt"))
        timing.readBlame(try Self.fixture("article-blame.txt") + "1.000s <script>alert(1)</script>.service\n")
        timing.readCriticalChain(try Self.fixture("article-critical-chain.txt"))
        let svg = BootChart.svg(BootTimingReport(timing: timing, top: 10))
        #expect(svg.contains("auditd.service") && svg.contains(#"class="auditd""#) && svg.contains(#"class="security""#))
        #expect(!svg.contains("<script") && svg.contains("&lt;script&gt;"))
        #expect(!svg.contains("http://") || svg.components(separatedBy: "http://").count == 2)   // only the SVG namespace
    }

    @Test func absurdDurationsAreNotTimespans() {
        #expect(Timespan.seconds("99999999999999999999min") == nil)
        #expect(Timespan.seconds("2min 99999999999999999999s") == nil)
        #expect(Timespan.seconds("1y 1d") == nil)
        #expect(Timespan.seconds("1y") == Timespan.longest)
        #expect(Timespan.text(.infinity) == "?" && Timespan.text(1e300) == "?")
        #expect(Timespan.text(62.003) == "1min 2.003s")
    }

    @Test func aUnitLongerThanStartupHasNoShare() {
        var timing = BootTiming()
        timing.readTime("Startup finished in 2.084s (kernel) + 3.841s (userspace) = 5.925s", source: "t")
        timing.readBlame("1min 2.003s apt-daily.service\n     1.920s docker.service", source: "b")
        let report = BootTimingReport(timing: timing)
        #expect(report.top.map(\.share) == [nil, 1.920 / 3.841])
        #expect(report.top.map(\.outlastsStartup) == [true, false])
    }
}
