import Foundation
import Testing

/// The built `dockaudit` binary: exit codes, errors and warnings as users and CI see them.
@Suite struct CommandLineTests {
    let sample = Environment.packageRoot.appendingPathComponent("samples/audit.log").path

    @Test func exitStatusTellsWhetherAnythingMatched() throws {
        #expect(try run(Environment.binary, ["search", "-if", sample, "-k", "docker"]).status == 0)
        let none = try run(Environment.binary, ["search", "-if", sample, "-k", "no-such-key"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("<no matches>"))
    }

    @Test func usageAndInputErrorsExitTwo() throws {
        let missing = try run(Environment.binary, ["search", "-if", "/nonexistent/audit.log"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/audit.log: No such file or directory"))
        #expect(try run(Environment.binary, ["search", "-sv", "maybe"]).status == 2)
        #expect(try run(Environment.binary, ["search", "-ts", "13/45/2026"]).status == 2)
        for impossible in [["-ts", "2026-13-01"], ["-te", "02/30/26"], ["-ts", "2026-11-27T24:00"], ["-te", "10:61"]] {
            let refused = try run(Environment.binary, ["search"] + impossible)
            #expect(refused.status == 2 && refused.stderr.contains("cannot read the time"), "\(impossible)")
        }
        #expect(try run(Environment.binary, ["search", "--format", "xml"]).status == 2)
        #expect(try run(Environment.binary, ["search", "-m", "NOT_A_TYPE"]).status == 2)
    }

    /// Reports tolerate what search tolerates, and fail as it fails.
    @Test func reportsTolerateBadInputAndNameTheFile() throws {
        let broken = Environment.packageRoot.appendingPathComponent("Tests/AuditLogTests/Fixtures/broken.log").path
        let summary = try run(Environment.binary, ["report", "-if", broken])
        #expect(summary.status == 0)
        #expect(String(decoding: summary.stdout, as: UTF8.self).contains("Number of events: 3"))
        #expect(summary.stderr.contains("broken.log:2: skipped"))
        let missing = try run(Environment.binary, ["report", "keys", "-if", "/nonexistent/audit.log"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/audit.log"))
        #expect(try run(Environment.binary, ["report", "no-such-report"]).status == 2)
        #expect(try run(Environment.binary, ["report", "--success", "--failed", "-if", broken]).status == 2)
        let none = try run(Environment.binary, ["report", "logins", "-if", broken])
        #expect(none.status == 1 && String(decoding: none.stdout, as: UTF8.self).contains("<no events of interest were found>"))
    }

    @Test func malformedLinesAreWarnedAboutWithFileAndLine() throws {
        let path = NSTemporaryDirectory() + "dockaudit-bad-\(UUID().uuidString).log"
        var data = Data("type=SYSCALL msg=audit(1.000:1): a=1 key=\"k\"\n".utf8)
        for n in 0..<8 { data.append(Data("garbage line \(n)\n".utf8)) }
        data.append(contentsOf: [0xFF, 0xFE, 0x00, 0x0A])
        data.append(Data("type=SYSCALL msg=audit(2.000:2): a=1 key=\"k\"".utf8))
        try data.write(to: URL(fileURLWithPath: path))
        let result = try run(Environment.binary, ["search", "-if", path, "-k", "k", "--raw"])
        #expect(result.status == 0)
        #expect(result.lines.filter { !$0.isEmpty }.count == 2)
        #expect(result.stderr.contains("\(path):2: skipped: no type= field"))
        #expect(result.stderr.contains("4 more malformed lines skipped (9 in all)"))
    }

    @Test func anomaliesGroupedByProgramAndKind() throws {
        let grouped = try run(Environment.binary, ["report", "anomalies", "--grouped", "-if", sample])
        #expect(grouped.status == 0)
        #expect(grouped.lines.filter { !$0.isEmpty }.count == 2)
        #expect(grouped.lines.contains { $0.hasPrefix("4× /usr/sbin/dockerd ANOM_PROMISCUOUS, first: ") && $0.contains("[known benign: ") })
        #expect(grouped.lines.contains { $0.contains("crashed with signal 11 (SIGSEGV)") && !$0.contains("benign") })
        #expect(try run(Environment.binary, ["report", "keys", "--grouped", "-if", sample]).status == 2)
    }

    @Test func jsonLinesParse() throws {
        let result = try run(Environment.binary, ["search", "-if", sample, "--format", "json", "-ua", "1001"])
        #expect(result.status == 0)
        for line in result.lines where !line.isEmpty {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["time"] is String && object["records"] is [Any] && object["serial"] is Int)
        }
    }

    @Test func longNamesWorkLikeAusearchsShortOnes() throws {
        let short = try run(Environment.binary, ["search", "-if", sample, "-k", "delete", "-sv", "yes", "-i"])
        let long = try run(Environment.binary, ["search", "--input", sample, "--key", "delete", "--success", "yes", "--interpret"])
        #expect(short.stdout == long.stdout)
        let iso = try run(Environment.binary, ["search", "-if", sample, "--start", "2026-01-01T00:00:00Z", "--raw"])
        let all = try run(Environment.binary, ["search", "-if", sample, "--raw"])
        #expect(iso.stdout == all.stdout)
    }

    /// A rules file, rules.d entry, auditd.conf or daemon.json that is a FIFO or a link to
    /// /dev/zero, and a duration past a year: each is refused or skipped with its path,
    /// never read forever, never a crash.
    @Test func hostileHostFilesAreRefusedNotReadForever() throws {
        let root = NSTemporaryDirectory() + "dockaudit-hostile-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for dir in ["/etc/audit/rules.d", "/etc/docker"] {
            try FileManager.default.createDirectory(atPath: root + dir, withIntermediateDirectories: true)
        }
        try "-w /etc/docker -p wa -k docker\n".write(toFile: root + "/etc/audit/rules.d/10-ok.rules", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/etc/audit/rules.d/20-zero.rules", withDestinationPath: "/dev/zero")
        #expect(mkfifo(root + "/etc/audit/auditd.conf", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: root + "/etc/docker/daemon.json", withDestinationPath: "/dev/zero")
        #expect(mkfifo(root + "/fifo.rules", 0o600) == 0)
        try "2min 99999999999999999999s apt-daily.service\n  1.5s docker.service\n".write(toFile: root + "/blame.txt", atomically: true, encoding: .utf8)

        let timeout = "/usr/bin/timeout"
        let lint = try run(timeout, ["20", Environment.binary, "rules", "lint", root + "/etc/audit/rules.d"])
        #expect(lint.status == 2 && lint.stderr.contains("20-zero.rules: a character device, not a regular file"), "\(lint.stderr)")
        let fifo = try run(timeout, ["20", Environment.binary, "rules", "lint", root + "/fifo.rules"])
        #expect(fifo.status == 2 && fifo.stderr.contains("a FIFO, not a regular file"), "\(fifo.stderr)")
        let merge = try run(timeout, ["20", Environment.binary, "rules", "merge", "--dir", root + "/etc/audit/rules.d"])
        #expect(merge.status == 2 && merge.stderr.contains("20-zero.rules"), "\(merge.stderr)")
        let check = try run(timeout, ["20", Environment.binary, "check", "--root", root, "--format", "json"])
        #expect([0, 1, 2].contains(check.status), "check: \(check.status) \(check.stderr)")
        let boot = try run(timeout, ["20", Environment.binary, "boot", "--blame", root + "/blame.txt", "--format", "json"])
        #expect(boot.status == 0 || boot.status == 1, "boot: \(boot.status) \(boot.stderr)")
        #expect(String(decoding: boot.stdout, as: UTF8.self).contains("blame.txt:1"))
        let missing = try run(timeout, ["20", Environment.binary, "boot", "--time", root + "/nonexistent"])
        #expect(missing.status == 2 && missing.stderr.contains("no such file"))
    }
}
