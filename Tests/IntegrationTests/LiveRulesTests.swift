import Foundation
import Testing

/// The generated Docker rules in the real kernel: accepted by auditctl -R, equal to what
/// `rules diff` reads back, and producing keyed events in the real audit.log. Every rule
/// loaded here is deleted again; -e 2 is never loaded.
@Suite(.serialized, .enabled(if: Environment.inCI || (Environment.isRoot && Environment.hasAusearch)))
struct LiveRulesTests {
    /// The deletions of every rule in `rules`; `-c` keeps auditctl going past one already gone.
    private func removal(of rules: String) -> String {
        "-c\n" + rules.split(separator: "\n").filter { $0.hasPrefix("-w ") || $0.hasPrefix("-a ") }
            .map { $0.hasPrefix("-w ") ? "-W " + $0.dropFirst(3) : "-d " + $0.dropFirst(3) }
            .joined(separator: "\n") + "\n"
    }

    @Test func generatedRulesLoadDiffAndProduceKeyedEvents() throws {
        try #require(Environment.isRoot, "needs root")
        let kernel = KernelLock()
        defer { kernel.release() }
        let dir = NSTemporaryDirectory() + "dockaudit-live-rules-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let generated = try run(Environment.binary, ["rules", "generate", "--profile", "docker"])
        try #require(generated.status == 0, "\(generated.stderr)")
        let text = String(decoding: generated.stdout, as: UTF8.self)
        #expect(!text.contains("-e 2"))
        let rulesFile = dir + "/50-docker.rules"
        try generated.stdout.write(to: URL(fileURLWithPath: rulesFile))
        try Data(removal(of: text).utf8).write(to: URL(fileURLWithPath: dir + "/undo.rules"))

        let lint = try run(Environment.binary, ["rules", "lint", rulesFile])
        #expect(lint.status == 0, "\(String(decoding: lint.stdout, as: UTF8.self))")
        let loaded = try run("/sbin/auditctl", ["-R", rulesFile])
        try #require(loaded.status == 0, "auditctl refused the generated rules: \(loaded.stderr)")
        defer { _ = try? run("/sbin/auditctl", ["-R", dir + "/undo.rules"]) }

        let same = try run(Environment.binary, ["rules", "diff", "--file", rulesFile])
        #expect(same.status == 0, "\(String(decoding: same.stdout, as: UTF8.self))")

        // Write into a watched Docker directory and find the keyed event.
        let watchedDirectory = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("-w "), line.hasSuffix("-p wa -k docker") else { return nil }
            let path = String(line.dropFirst(3).prefix { $0 != " " })
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : nil
        }.first
        let target = try #require(watchedDirectory, "no watched Docker directory on this host") + "/dockaudit-live-\(getpid())"
        FileManager.default.createFile(atPath: target, contents: Data("x".utf8))
        try FileManager.default.removeItem(atPath: target)
        var found = RunResult(status: 1, stdout: Data(), stderr: "")
        for _ in 0..<40 {
            found = try run(Environment.binary, ["search", "-k", "docker", "-f", target, "--format", "json"])
            if found.status == 0 { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        #expect(found.status == 0, "no keyed event for \(target): \(found.stderr)")
        #expect(String(decoding: found.stdout, as: UTF8.self).contains("\"docker\""))

        // Take one rule out of the kernel: diff must name it and fail.
        let firstWatch = try #require(text.split(separator: "\n").first { $0.hasPrefix("-w ") })
        let removed = try run("/sbin/auditctl", ["-W"] + firstWatch.dropFirst(3).split(separator: " ").map(String.init))
        #expect(removed.status == 0, "\(removed.stderr)")
        let differs = try run(Environment.binary, ["rules", "diff", "--file", rulesFile])
        #expect(differs.status == 1)
        #expect(String(decoding: differs.stdout, as: UTF8.self).contains("only on disk (not active now): \(rulesFile):"))
    }

    /// `rules generate --profile detect`: lint-clean, accepted by the kernel, and then
    /// `detect --coverage` on the live rules finds every detection able to fire except the
    /// reboot one, which needs -e 2 (never loaded here); before, with no rules, all are blind.
    @Test func theDetectProfileLoadsAndCoversEveryDetection() throws {
        try #require(Environment.isRoot, "needs root")
        let kernel = KernelLock()
        defer { kernel.release() }
        let dir = NSTemporaryDirectory() + "dockaudit-detect-rules-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let generated = try run(Environment.binary, ["rules", "generate", "--profile", "detect"])
        try #require(generated.status == 0, "\(generated.stderr)")
        let text = String(decoding: generated.stdout, as: UTF8.self)
        #expect(!text.contains("-e 2"))
        let rulesFile = dir + "/60-detect.rules"
        try generated.stdout.write(to: URL(fileURLWithPath: rulesFile))
        try Data(removal(of: text).utf8).write(to: URL(fileURLWithPath: dir + "/undo.rules"))
        let lint = try run(Environment.binary, ["rules", "lint", rulesFile])
        #expect(lint.status == 0 && String(decoding: lint.stdout, as: UTF8.self).contains("0 errors, 0 warnings"),
                "\(String(decoding: lint.stdout, as: UTF8.self))")
        print("detect profile: " + (String(decoding: lint.stdout, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("cost:") } ?? ""))
        let offline = try run(Environment.binary, ["detect", "--coverage", "--rules", rulesFile, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: offline.stdout) as? [[String: Any]])
        #expect(rows.filter { $0["status"] as? String != "covered" }.compactMap { $0["detection"] as? String } == ["reboot-while-immutable"])
        let loaded = try run("/sbin/auditctl", ["-R", rulesFile])
        try #require(loaded.status == 0, "auditctl refused the detect rules: \(loaded.stderr)")
        defer { _ = try? run("/sbin/auditctl", ["-R", dir + "/undo.rules"]) }
        let live = try run(Environment.binary, ["detect", "--coverage"])
        let lines = String(decoding: live.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("covered ") }.count == 16, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("blind    reboot-while-immutable") } && live.status == 1)
    }

    @Test func loadWritesAtomicallyAndLoads() throws {
        try #require(Environment.isRoot, "needs root")
        let kernel = KernelLock()
        defer { kernel.release() }
        let dir = NSTemporaryDirectory() + "dockaudit-load-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir + "/rules.d", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rule = "-w \(dir) -p wa -k dockaudit-load-test"
        try Data((rule + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/rules.d/50-test.rules"))
        try Data("previous\n".utf8).write(to: URL(fileURLWithPath: dir + "/audit.rules"))
        let result = try run(Environment.binary, ["rules", "load", "--dir", dir + "/rules.d", "--output", dir + "/audit.rules"])
        defer { _ = try? run("/sbin/auditctl", ["-W", dir, "-p", "wa", "-k", "dockaudit-load-test"]) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: dir + "/audit.rules.prev", encoding: .utf8) == "previous\n")
        #expect(try String(contentsOfFile: dir + "/audit.rules", encoding: .utf8).contains(rule + "\n"))
        let listed = String(decoding: try run("/sbin/auditctl", ["-l"]).stdout, as: UTF8.self)
        #expect(listed.contains("-k dockaudit-load-test"))
    }

    /// Debian's rules.d/audit.rules sorts last and begins with -D: after `rules load`,
    /// `rules diff` with no --file must find the kernel equal to rules.d.
    @Test func diffAgreesWithLoadOnDebiansStockLayout() throws {
        try #require(Environment.isRoot, "needs root")
        let kernel = KernelLock()
        defer {
            _ = try? run("/sbin/auditctl", ["-D"])
            kernel.release()
        }
        let dir = NSTemporaryDirectory() + "dockaudit-stock-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir + "/rules.d", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let stock = (try? String(contentsOfFile: "/etc/audit/rules.d/audit.rules", encoding: .utf8))
            ?? "## First rule - delete all\n-D\n\n-b 8192\n\n--backlog_wait_time 60000\n\n-f 1\n"
        try #require(stock.contains("-D"), "Debian's stock audit.rules begins with -D")
        try Data(stock.utf8).write(to: URL(fileURLWithPath: dir + "/rules.d/audit.rules"))
        let generated = try run(Environment.binary, ["rules", "generate", "--profile", "docker"])
        try generated.stdout.write(to: URL(fileURLWithPath: dir + "/rules.d/50-dockaudit-docker.rules"))
        let load = try run(Environment.binary, ["rules", "load", "--dir", dir + "/rules.d", "--output", dir + "/audit.rules"])
        try #require(load.status == 0, "\(load.stderr)")
        let diff = try run(Environment.binary, ["rules", "diff", "--dir", dir + "/rules.d"])
        #expect(diff.status == 0, "\(String(decoding: diff.stdout, as: UTF8.self))")
        #expect(!String(decoding: diff.stdout, as: UTF8.self).contains("only loaded"))
    }

    @Test func badRulesAreRefusedWithFileAndLine() throws {
        let dir = NSTemporaryDirectory() + "dockaudit-bad-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir + "/rules.d", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("-w /etc/docker -p wa -k docker\r\n-w /etc -p rq\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/rules.d/50-bad.rules"))
        let lint = try run(Environment.binary, ["rules", "lint", dir + "/rules.d"])
        #expect(lint.status == 1)
        let text = String(decoding: lint.stdout, as: UTF8.self)
        #expect(text.contains("50-bad.rules:1: error[bad-file]") && text.contains("50-bad.rules:2: error[bad-permission]"))
        let load = try run(Environment.binary, ["rules", "load", "--dir", dir + "/rules.d", "--output", dir + "/audit.rules"])
        #expect(load.status == 2 && load.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/audit.rules"))
        let unreadable = try run(Environment.binary, ["rules", "lint", dir + "/missing.rules"])
        #expect(unreadable.status == 2 && unreadable.stderr.contains("missing.rules"))
        let noDirectory = try run(Environment.binary, ["rules", "merge", "--dir", dir + "/nope"])
        #expect(noDirectory.status == 2 && noDirectory.stderr.contains("no rules directory"))
    }
}
