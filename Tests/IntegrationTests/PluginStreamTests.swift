import Foundation
import Testing

/// The plugin on a recorded stream in auditd's string format (each event's records, then
/// its EOE), piped in as auditd writes it: the same JSON lines as `search --format json
/// --attribute` on the log; its output file rotated; SIGHUP reopening it; restarts counted.
@Suite struct PluginStreamTests {
    private var source: String {
        Environment.containerLog.map { $0 + "/audit.log" } ?? Environment.packageRoot.appendingPathComponent("samples/audit.log").path
    }

    /// The log as auditd's dispatcher sends it: every event's records followed by its EOE
    /// (the records of `search --format raw`, which, as `ausearch -r`, ends every line of an
    /// ENRICHED log with the separator: one with nothing after it is taken off again).
    private func stream() throws -> Data {
        let raw = try run(Environment.binary, ["search", "-if", source, "--format", "raw"]).lines.filter { !$0.isEmpty }
        var text = ""
        for (index, line) in raw.enumerated() {
            text += (line.last == "\u{1D}" ? line.dropLast() : line) + "\n"
            let id = stamp(line)
            if index + 1 == raw.count || stamp(raw[index + 1]) != id { text += "type=EOE msg=audit(\(id ?? "")): \n" }
        }
        return Data(text.utf8)
    }

    private func stamp(_ line: Substring) -> Substring? {
        guard let open = line.range(of: "msg=audit("), let close = line[open.upperBound...].firstIndex(of: ")") else { return nil }
        return line[open.upperBound..<close]
    }

    private func temporary() throws -> String {
        let directory = NSTemporaryDirectory() + "dockaudit-plugin-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aStreamWithEOEGivesSearchsJSONLines() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try run(Environment.binary, ["plugin", "--output", "-", "--no-host-probe", "--state-dir", directory + "/state"],
                             stdin: try stream())
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines.filter { !$0.isEmpty }
        let events = lines.filter { !$0.hasPrefix("{\"type\":\"DOCKAUDIT_STATS\"") }
        #expect(lines.count == events.count + 1, "one stats line, at the end")
        let expected = try run(Environment.binary, ["search", "-if", source, "--format", "json", "--attribute"]).lines.filter { !$0.isEmpty }
        #expect(events.count == expected.count)
        let difference = zip(events, expected).first { $0 != $1 }
        #expect(difference == nil, "the first difference: \(difference.map { "\($0.0.prefix(400))\nvs\n\($0.1.prefix(400))" } ?? "")")
        #expect(lines.last?.contains("\"spilled_bytes\":0") == true)
    }

    /// `--detect` writes, beside the events, the alerts `detect` finds in the log.
    @Test func detectWritesDetectsAlertsBesideTheEvents() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try run(Environment.binary, ["plugin", "--output", "-", "--no-host-probe", "--state-dir", directory + "/state", "--detect"],
                             stdin: try stream())
        #expect(result.status == 0, "\(result.stderr)")
        let alerts = result.lines.filter { $0.hasPrefix("{\"rule\":") }
        let expected = try run(Environment.binary, ["detect", "-if", source, "--format", "json"]).lines.filter { !$0.isEmpty }
        #expect(alerts == expected)
        #expect(result.lines.last { !$0.isEmpty }?.contains("\"alerts\":\(alerts.count)") == true)
    }

    /// `--allow` holds live as in `detect`: the alerts it accepts are left out and counted in the stats line.
    @Test func theAllowlistHoldsLive() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let all = try run(Environment.binary, ["detect", "-if", source, "--format", "json"]).lines.filter { !$0.isEmpty }
        let rule = try #require(all.first.flatMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["rule"] as? String
        }, "the recording raises at least one alert")
        let allow = directory + "/allow.yaml"
        try "- detection: \(rule)\n  until: 2999-12-31\n  reason: the test's\n".write(toFile: allow, atomically: true, encoding: .utf8)
        let expected = try run(Environment.binary, ["detect", "-if", source, "--format", "json", "--allow", allow]).lines.filter { !$0.isEmpty }
        let result = try run(Environment.binary, ["plugin", "--output", "-", "--no-host-probe", "--state-dir", directory + "/state",
                                                  "--detect", "--allow", allow], stdin: try stream())
        #expect(result.status == 0, "\(result.stderr)")
        let alerts = result.lines.filter { $0.hasPrefix("{\"rule\":") }
        #expect(alerts == expected)
        #expect(!alerts.contains { $0.contains("\"rule\":\"\(rule)\"") })
        #expect(result.lines.last { !$0.isEmpty }?.contains("\"accepted_alerts\":\(all.count - expected.count)") == true)
    }

    /// `plugin install --detect --allow` puts the detections into the options file, with the
    /// allowlist's absolute path; an allowlist that would fail under auditd is refused at install.
    @Test func installCarriesTheDetectionsAndRefusesABrokenAllowlist() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (configuration, options) = (directory + "/dockaudit.conf", directory + "/plugin.options")
        let install = ["plugin", "install", "--configuration", configuration, "--options-file", options, "--binary", "/usr/bin/true",
                       "--state-dir", directory + "/state", "--detect", "--skip-detection", "ptrace-attach"]
        try "- detection: ptrace-attach\n  image: x\n".write(toFile: directory + "/broken.yaml", atomically: true, encoding: .utf8)
        let refused = try run(Environment.binary, install + ["--allow", directory + "/broken.yaml"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("broken.yaml"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: configuration) && !FileManager.default.fileExists(atPath: options))
        try "- detection: ptrace-attach\n  until: 2999-12-31\n".write(toFile: directory + "/allow.yaml", atomically: true, encoding: .utf8)
        let installed = try run(Environment.binary, install + ["--allow", directory + "/allow.yaml"])
        #expect(installed.status == 0, "\(installed.stderr)")
        let written = try String(contentsOfFile: options, encoding: .utf8)
        for line in ["--detect", "--skip-detection ptrace-attach", "--allow \(directory)/allow.yaml"] {
            #expect(written.contains(line + "\n"), "\(written)")
        }
    }

    @Test func theOutputFileIsRotatedAndKeepsItsLimit() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/events.json"
        let result = try run(Environment.binary, ["plugin", "--output", output, "--rotate-size", "64K", "--rotate-keep", "2",
                                                  "--no-host-probe", "--state-dir", directory + "/state"], stdin: try stream())
        #expect(result.status == 0, "\(result.stderr)")
        let manager = FileManager.default
        #expect(manager.fileExists(atPath: output + ".1") && manager.fileExists(atPath: output + ".2"))
        #expect(!manager.fileExists(atPath: output + ".3"))
        for name in [output, output + ".1", output + ".2"] {
            let size = try #require(try manager.attributesOfItem(atPath: name)[.size] as? Int)
            #expect(size <= 64 * 1024, "\(name): \(size) bytes")
        }
    }

    /// A device given as the output (`/dev/null` for a benchmark) is written, never rotated away.
    @Test func aDeviceIsNeverRotated() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try run(Environment.binary, ["plugin", "--output", "/dev/null", "--rotate-size", "1K", "--no-host-probe",
                                                  "--state-dir", directory + "/state"], stdin: try stream())
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still the device")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.1"))
    }

    @Test func sigHUPReopensTheOutputAndAStartAfterACrashCountsARestart() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/events.json"
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/state/running", contents: Data("1\n".utf8))   // a run that died
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Environment.binary)
        process.arguments = ["plugin", "--output", output, "--no-host-probe", "--state-dir", directory + "/state"]
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = try stream()
        let half = lines[..<(lines.range(of: Data("type=EOE".utf8), in: (lines.count / 2)..<lines.count)?.upperBound ?? lines.count)]
        try input.fileHandleForWriting.write(contentsOf: half)
        sleep(1)
        try FileManager.default.moveItem(atPath: output, toPath: output + ".moved")   // as logrotate does
        kill(process.processIdentifier, SIGHUP)
        sleep(1)
        try input.fileHandleForWriting.write(contentsOf: lines[half.endIndex...])
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let reopened = try String(contentsOfFile: output, encoding: .utf8)
        let moved = try String(contentsOfFile: output + ".moved", encoding: .utf8)
        #expect(!moved.isEmpty && reopened.contains("\"records\""), "SIGHUP made a new file for what came after")
        #expect(reopened.contains("\"plugin_restarts\":1"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/state/running"), "a clean stop leaves no marker")
    }
}
