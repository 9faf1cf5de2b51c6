import Foundation
import Testing

/// dockaudit against the real ausearch, on logs recorded from this kernel by scripts/record-logs.
@Suite(.serialized, .enabled(if: Environment.inCI || Environment.recordedLogs != nil))
struct DifferentialTests {
    /// ausearch options as users type them; each is given to both tools unchanged.
    static let selections: [[String]] = [
        [], ["-k", "docker"], ["-k", "failopen"], ["-k", "exec", "-x", "docker"], ["-ua", "alice"], ["-ul", "alice"],
        ["-ui", "0"], ["-ue", "0"], ["-ua", "0"], ["-ul", "0"], ["-gi", "0"], ["-ga", "0"], ["-ge", "0"],
        ["-x", "sudo"], ["-c", "sshd"], ["-m", "LOGIN,USER_CMD,USER_ACCT,CRED_ACQ"], ["-m", "SYSCALL"],
        ["-m", "ANOM_ABEND"], ["-m", "CONFIG_CHANGE"], ["-sc", "openat"], ["-sc", "59"], ["-sc", "connect"],
        ["-sv", "no"], ["-sv", "yes", "-k", "delete"], ["-f", "shadow"], ["-f", "moved"], ["-f", "/etc/hostname"],
        ["-e", "-2"], ["-e", "-13"], ["-hn", "127.0.0.1"], ["-tm", "ssh"], ["--session", "1"],
        ["-w", "-k", "docker"], ["-w", "-x", "/usr/bin/sudo"], ["-w", "-f", "/etc/shadow"], ["-pp", "1"],
        ["-n", "dockaudit-test-node"], ["-ts", "today"], ["-te", "now"], ["-ts", "this-year"], ["-ts", "recent"],
        ["-k", "exec", "-ua", "alice", "-sv", "yes"], ["-ul", "alice", "-x", "docker"], ["-k", "docker", "-sv", "no"],
    ]

    static let variants = ["enriched", "raw-hostname"]

    private func recordedDirectory(_ variant: String) throws -> String {
        let base = try #require(Environment.recordedLogs, "DOCKAUDIT_RECORDED is not set: run scripts/test, which records the logs")
        let dir = base + "/" + variant
        try #require(FileManager.default.fileExists(atPath: dir + "/audit.log"), "no recorded log in \(dir)")
        try #require(Environment.hasAusearch, "ausearch is not installed")
        return dir
    }

    /// Selections that depend on the recording: a real pid, event serial and time window.
    private func dynamicSelections(_ log: String) throws -> [[String]] {
        let loginEvents = try run(Environment.binary, ["search", "-if", log, "-m", "LOGIN", "--format", "json"])
        let first = try #require(loginEvents.lines.first { !$0.isEmpty }, "the recording has no LOGIN event")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let serialNumber = try #require(object["serial"] as? Int)
        let serial = String(serialNumber)
        let record = try #require((object["records"] as? [[String: Any]])?.first)
        let pid = try #require((record["raw"] as? [String: String])?["pid"])
        let id = try #require(object["id"] as? String)
        let seconds = try #require(Int(id.prefix { $0 != "." }))
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MM/dd/yy"
        let day = formatter.string(from: date)
        formatter.dateFormat = "HH:mm:ss"
        let from = formatter.string(from: date)
        let to = formatter.string(from: date.addingTimeInterval(2))
        return [["-a", serial], ["-p", pid], ["-p", pid, "-m", "LOGIN"], ["-ts", day, from, "-te", day, to],
                ["-ts", from], ["-ts", day, from, "-k", "exec"]]
    }

    @Test(arguments: variants)
    func rawOutputIsIdentical(variant: String) throws {
        let dir = try recordedDirectory(variant)
        let joined = try joinedLog(dir)
        var failures: [String] = []
        var checked = 0
        for selection in Self.selections + (try dynamicSelections(joined)) {
            let expected = try run("/usr/sbin/ausearch", ["-if", joined, "--raw"] + selection)
            let found = try run(Environment.binary, ["search", "-if", dir, "--raw"] + selection)
            checked += 1
            if expected.stdout != found.stdout {
                var parity = Parity()
                parity.compare(ausearch: expected.lines, dockaudit: found.lines, label: selection.joined(separator: " "))
                failures.append("\(selection.joined(separator: " ")): \(parity) \(parity.examples.prefix(2))")
            }
            let expectedStatus: Int32 = expected.status == 0 ? 0 : 1
            if found.status != expectedStatus {
                failures.append("\(selection.joined(separator: " ")): exit \(found.status), ausearch \(expected.status)")
            }
        }
        print("differential raw \(variant): \(checked - failures.count) of \(checked) selections identical")
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test(arguments: variants)
    func interpretedOutputIsIdentical(variant: String) throws {
        let dir = try recordedDirectory(variant)
        let joined = try joinedLog(dir)
        var parity = Parity()
        for selection in [[], ["-k", "docker"], ["-ua", "alice"], ["-m", "USER_CMD,LOGIN,ANOM_ABEND"], ["-f", "moved"]] {
            let expected = try run("/usr/sbin/ausearch", ["-if", joined, "-i"] + selection)
            let found = try run(Environment.binary, ["search", "-if", dir, "-i"] + selection)
            parity.compare(ausearch: expected.lines, dockaudit: found.lines, label: selection.joined(separator: " "))
        }
        print("differential -i \(variant): \(parity)")
        #expect(parity.isExact, "\(parity): \(parity.examples)")
    }

    @Test(arguments: variants)
    func defaultFormatIsIdentical(variant: String) throws {
        let dir = try recordedDirectory(variant)
        let joined = try joinedLog(dir)
        let expected = try run("/usr/sbin/ausearch", ["-if", joined, "-k", "delete"])
        let found = try run(Environment.binary, ["search", "-if", dir, "-k", "delete"])
        #expect(expected.stdout == found.stdout)
        #expect(!found.stdout.isEmpty)
    }

    /// Three copies of the log: far more than the scan holds in flight, so the output pipe
    /// fills while input is still coming, as in `zcat audit.log.*.gz | dockaudit search -if -`.
    @Test func standardInputIsReadLikeAFile() throws {
        let dir = try recordedDirectory("enriched")
        let once = try Data(contentsOf: URL(fileURLWithPath: try joinedLog(dir)))
        let data = once + once + once
        let tripled = NSTemporaryDirectory() + "dockaudit-tripled-\(UUID().uuidString).log"
        try data.write(to: URL(fileURLWithPath: tripled))
        defer { try? FileManager.default.removeItem(atPath: tripled) }
        let fromFile = try run(Environment.binary, ["search", "-if", tripled, "--raw", "-k", "docker"])
        let fromStdin = try run(Environment.binary, ["search", "-if", "-", "--raw", "-k", "docker"], stdin: data)
        #expect(fromFile.stdout == fromStdin.stdout)
        #expect(fromStdin.stdout.count > 3 * 65_536, "the output outgrows a pipe's buffer")
        #expect(fromStdin.status == 0)
    }
}
