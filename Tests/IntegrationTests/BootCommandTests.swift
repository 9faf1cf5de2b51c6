import Foundation
import Testing

/// `dockaudit boot` through the binary: the article's figures, reboot verdicts and exit
/// status, a host without systemd, and the chart as a real browser renders it.
struct BootCommandTests {
    static let fixtures = Environment.packageRoot.appendingPathComponent("Tests/BootAnalysisTests/Fixtures").path
    static let article = ["--time", fixtures + "/article-time.txt", "--blame", fixtures + "/article-blame.txt",
                          "--critical-chain", fixtures + "/article-critical-chain.txt"]

    private func emptyLog() throws -> String {
        let path = NSTemporaryDirectory() + "dockaudit-empty-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: path, contents: Data())
        return path
    }

    @Test func theArticlesTopFiveAsJSON() throws {
        let log = try emptyLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        let result = try run(Environment.binary, ["boot", "--format", "json", "-if", log] + Self.article)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(object["total_seconds"] as? Double == 6.952)
        #expect(object["parts"] as? [String: Double] == ["kernel": 1.026, "userspace": 5.925])
        let top = try #require(object["top"] as? [[String: Any]])
        #expect(top.map { $0["unit"] as? String } == ["fail2ban.service", "cloud-init.service", "cloud-init-local.service",
                                                      "apache2.service", "postfix.service"])
        #expect(top.map { $0["seconds"] as? Double } == [2.084, 1.958, 1.851, 1.597, 1.134])
        #expect(object["auditd_before_docker"] as? Bool == true)
    }

    @Test func suspiciousRebootsMakeExitOne() throws {
        let result = try run(Environment.binary, ["boot", "-if", Self.fixtures + "/boots.log", "--maintenance", "Sun 02:00-04:00",
                                                  "--compare", "1", "3"] + Self.article)
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.status == 1)
        #expect(text.contains("boot 3 at 2023-11-15 14:00:00: SUSPICIOUS"))
        #expect(text.contains("much slower: docker started +2.900s → +9.500s"))
        let calm = try run(Environment.binary, ["boot", "-if", try emptyLog()] + Self.article)
        #expect(calm.status == 0)
    }

    @Test func aHostWithoutSystemdIsSaidPlainly() throws {
        let init1 = (try? String(contentsOfFile: "/proc/1/comm", encoding: .utf8)) ?? ""
        try #require(!init1.hasPrefix("systemd") || !Environment.inCI, "this machine runs systemd")
        guard !init1.hasPrefix("systemd") else { return }
        let result = try run(Environment.binary, ["boot", "-if", try emptyLog()])
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.status == 0)
        #expect(text.contains("this host does not run systemd (PID 1 is "))
        #expect(text.contains("Boots in the audit log (0)"))
        let garbled = try run(Environment.binary, ["boot", "--blame", try emptyLog(), "--time", Self.fixtures + "/boots.log", "-if", try emptyLog()])
        #expect(garbled.status == 0 && String(decoding: garbled.stdout, as: UTF8.self).contains("skipped line"))
    }

    @Test(.enabled(if: Environment.inCI || FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func theChartRendersInChromium() throws {
        let dir = NSTemporaryDirectory() + "dockaudit-chart-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try run(Environment.binary, ["boot", "-if", try emptyLog(), "--svg", dir + "/boot.svg"] + Self.article)
        #expect(made.status == 0, "\(made.stderr)")
        // Security units red, auditd green, userspace teal, kernel orange, background white.
        let numbers = try screenshotColours(of: dir + "/boot.svg", width: 1000, height: 400,
                                            colours: ["d9534f", "2e9d4f", "16a085", "f39c12", "ffffff"])
        #expect(numbers[0] == 1000 && numbers[1] == 400)
        #expect(numbers[2] > 2000, "red bars (fail2ban, docker, containerd)")
        #expect(numbers[3] > 200, "the green auditd bar")
        #expect(numbers[4] > 5000 && numbers[5] > 1000, "the boot phases")
        #expect(numbers[6] > 200_000 && numbers[6] < 390_000, "a readable chart on white")
    }
}
