import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ship` into real clickhouse-server instances on loopback (each test its own data directory
/// and ports): two hosts' logs, each event once and its records back byte for byte; shipping
/// again; kill -9 and a restart; a server stopped midway; targets that must be refused.
@Suite(.serialized, .enabled(if: Environment.inCI || ClickHouseServer.isInstalled))
struct ShipTests {
    private let sample = Environment.packageRoot.appendingPathComponent("samples/audit.log").path
    /// Host A is the container recording when there is one, else the sample; host B the sample (no node= prefix).
    private var hosts: [(node: String, log: String)] {
        [("host-a", Environment.containerLog.map { $0 + "/audit.log" } ?? sample), ("host-b", sample)]
    }

    private func temporary() throws -> String {
        let directory = NSTemporaryDirectory() + "dockaudit-ship-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    private func arguments(_ server: String, _ log: String, node: String, checkpoint: String, _ extra: [String] = []) -> [String] {
        ["ship", "-if", log, "--clickhouse", server, "--node", node, "--checkpoint", checkpoint] + extra
    }

    /// How many events `search` finds in the log.
    private func eventCount(_ log: String) throws -> Int {
        try run(Environment.binary, ["search", "-if", log, "--format", "json"]).lines.filter { !$0.isEmpty }.count
    }

    private func rows(_ server: ClickHouseServer, node: String) throws -> Int {
        Int(try server.query("SELECT count() FROM dockaudit.events FINAL WHERE node = '\(node)'")) ?? -1
    }

    private func acknowledged(_ checkpoint: String) -> Int {
        guard let data = FileManager.default.contents(atPath: checkpoint),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return 0 }
        return object["acknowledged"] as? Int ?? 0
    }

    @Test func twoHostsShipEachEventOnceAndTheirRecordsComeBackByteForByte() throws {
        let server = try ClickHouseServer(slot: 0)
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (node, log) in hosts {
            let shipped = try run(Environment.binary, arguments(server.url, log, node: node, checkpoint: "\(directory)/\(node).json"))
            #expect(shipped.status == 0, "\(shipped.stderr)")
        }
        for (node, log) in hosts {
            let expected = try eventCount(log)
            #expect(try rows(server, node: node) == expected, "\(node)")
            let answer = try run("/usr/bin/curl", ["-sS", "--data-binary",
                                                   "SELECT raw FROM dockaudit.events FINAL WHERE node = '\(node)' FORMAT JSONEachRow", server.url + "/"])
            var stored: [String] = []
            for line in answer.lines where !line.isEmpty {
                let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                stored += (row["raw"] ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
            let logged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(stored.sorted() == logged.sorted(), "\(node): \(stored.count) records stored, \(logged.count) in the log")
        }
        // Again, without the checkpoint: the rows are replaced, not added.
        let (node, log) = hosts[0]
        let again = try run(Environment.binary, arguments(server.url, log, node: node, checkpoint: "\(directory)/fresh.json"))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try rows(server, node: node) == (try eventCount(log)))
        // And with it: nothing to send.
        let resumed = try run(Environment.binary, arguments(server.url, log, node: node, checkpoint: "\(directory)/\(node).json"))
        #expect(resumed.stderr.contains("0 events shipped"), "\(resumed.stderr)")
    }

    @Test func killedMidwayAndRestartedNothingIsLostOrSentTwice() throws {
        let server = try ClickHouseServer(slot: 1)
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (node, log) = hosts[0]
        let checkpoint = directory + "/checkpoint.json"
        let command = arguments(server.url, log, node: node, checkpoint: checkpoint, ["--batch", "20"])
        let expected = try eventCount(log)
        let first = try Background.start([Environment.binary] + command)
        let deadline = Date().addingTimeInterval(60)
        while acknowledged(checkpoint) < min(200, expected / 4), Background.isRunning(first), Date() < deadline { usleep(2_000) }
        Background.stop(first, signal: SIGKILL)
        let before = acknowledged(checkpoint)
        let resumed = try run(Environment.binary, command)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        print("ship kill -9: \(before) of \(expected) events acknowledged at the kill; \(try server.query("SELECT count() FROM dockaudit.events")) rows before dedupe")
        #expect(before > 0 && before < expected, "killed midway")
        #expect(try rows(server, node: node) == expected)
        // Only the batch in flight at the kill may have been inserted twice (FINAL makes it one).
        #expect((Int(try server.query("SELECT count() FROM dockaudit.events")) ?? 0) <= expected + 20)
        #expect(acknowledged(checkpoint) == expected)
    }

    @Test func aServerStoppedMidwayIsWaitedForAndTheShipFinishes() throws {
        let server = try ClickHouseServer(slot: 2)
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (node, log) = hosts[0]
        let checkpoint = directory + "/checkpoint.json"
        let (errors, status) = (directory + "/stderr", directory + "/status")
        let shipper = try Background.start([Environment.binary] + arguments(server.url, log, node: node, checkpoint: checkpoint,
                                                                             ["--batch", "5", "--retry-for", "120"]),
                                           stderr: errors, status: status)
        var deadline = Date().addingTimeInterval(60)
        while acknowledged(checkpoint) == 0, !FileManager.default.fileExists(atPath: status), Date() < deadline { usleep(2_000) }
        #expect(!FileManager.default.fileExists(atPath: status), "still shipping when the server stops")
        server.stop()
        Thread.sleep(forTimeInterval: 2)
        try server.start()
        deadline = Date().addingTimeInterval(180)
        while !FileManager.default.fileExists(atPath: status), Date() < deadline { usleep(50_000) }
        if !FileManager.default.fileExists(atPath: status) { Background.stop(shipper, signal: SIGKILL) }
        Thread.sleep(forTimeInterval: 0.1)
        let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        let ended = (try? String(contentsOfFile: status, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(ended == "0", "\(said)")
        #expect(said.contains("trying again"), "\(said)")
        #expect(try rows(server, node: node) == (try eventCount(log)))
    }

    @Test func badTargetsExitTwoAndMarkNothingShipped() throws {
        let server = try ClickHouseServer(slot: 3)
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpoint = directory + "/checkpoint.json"
        func refused(_ arguments: [String], environment: [String] = [], saying words: String) throws {
            let result = try run("/usr/bin/env", environment + [Environment.binary] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(words), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: checkpoint), "nothing marked as shipped")
        }
        try refused(arguments("http://127.0.0.1:1", sample, node: "b", checkpoint: checkpoint, ["--retry-for", "0"]), saying: "did not answer")
        try refused(arguments(server.url, sample, node: "b", checkpoint: checkpoint),
                    environment: ["DOCKAUDIT_CLICKHOUSE_USER=nobody", "DOCKAUDIT_CLICKHOUSE_PASSWORD=wrong"], saying: "refused the credentials")
        try server.query("CREATE DATABASE IF NOT EXISTS dockaudit")
        try server.query("CREATE TABLE dockaudit.other (node String, time_ms UInt32) ENGINE = Memory")
        try refused(arguments(server.url, sample, node: "b", checkpoint: checkpoint, ["--table", "other"]), saying: "has another schema")
        // A server that answers every query with an error: python's http.server refuses POST (501).
        let port = server.httpPort + 1_000
        let fake = try Background.start(["/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory", directory, String(port)])
        defer { Background.stop(fake, signal: SIGKILL) }
        for _ in 0..<100 where (try? run("/usr/bin/curl", ["-s", "http://127.0.0.1:\(port)/"]).status) != 0 { usleep(50_000) }
        try refused(arguments("http://127.0.0.1:\(port)", sample, node: "b", checkpoint: checkpoint), saying: "the server answered 501")
    }
}
