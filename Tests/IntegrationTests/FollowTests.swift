import Foundation
import Testing

/// `follow` on a log written as auditd writes it: appended in random pieces (lines cut in
/// two included) and rotated twice (audit.log → audit.log.1 → audit.log.2), from a real
/// recording (the container recording in CI, else samples/audit.log). Every event comes out
/// once, in the order `search` gives; after a `kill -9` and a restart with `--state`,
/// nothing is lost and whatever comes twice is the same event.
@Suite struct FollowTests {
    private var source: String {
        Environment.containerLog.map { $0 + "/audit.log" } ?? Environment.packageRoot.appendingPathComponent("samples/audit.log").path
    }

    /// Appends `bytes` to DIR/audit.log in pieces of 1 to 20,000 bytes, rotating at a third and
    /// at two thirds (after finishing the line, as auditd does), with short pauses.
    private func write(_ bytes: [UInt8], into directory: String, seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let path = directory + "/audit.log"
        var rotations = [bytes.count / 3, 2 * bytes.count / 3]
        var handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var offset = 0
        while offset < bytes.count {
            var end = min(bytes.count, offset + Int(random.next() % 20_000) + 1)
            let rotating = rotations.first.map { end >= $0 } ?? false
            if rotating, let newline = bytes[end...].firstIndex(of: 0x0A) { end = newline + 1 }
            try handle.write(contentsOf: bytes[offset..<end])
            offset = end
            if rotating {
                rotations.removeFirst()
                try handle.close()
                let manager = FileManager.default
                if manager.fileExists(atPath: path + ".1") { try manager.moveItem(atPath: path + ".1", toPath: path + ".2") }
                try manager.moveItem(atPath: path, toPath: path + ".1")
                manager.createFile(atPath: path, contents: nil)
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            }
            usleep(UInt32(random.next() % 8_000))
        }
        try handle.close()
    }

    private func startFollow(_ directory: String, output: String, format: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Environment.binary)
        process.arguments = ["follow", "-if", directory + "/audit.log", "--format", format, "--state", directory + "/state.json",
                             "--quiet-time", "0.5"]
        FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(300_000)   // it opens the live file at its end
        return process
    }

    /// Stops `process` once `output` holds `last` (follow has caught up with the writer: a stop
    /// leaves what it has not read yet to the next start), at most two minutes on.
    private func stop(_ process: Process, after last: String, in output: String) -> Int32 {
        for _ in 0..<240 {
            if let text = try? String(contentsOfFile: output, encoding: .utf8), text.contains(last) { break }
            usleep(500_000)
        }
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The last event's id in `search --format raw` output, as it appears in follow's.
    private func lastID(_ output: Data) -> String {
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        guard let line = lines.last, let open = line.range(of: "msg=audit("), let close = line[open.upperBound...].firstIndex(of: ")") else { return "" }
        return String(line[open.upperBound..<close])
    }

    private func directory() throws -> String {
        let directory = NSTemporaryDirectory() + "dockaudit-follow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/audit.log", contents: nil)
        return directory
    }

    @Test func everyEventComesOutOnceInOrderThroughPiecesAndTwoRotations() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
        let expected = try run(Environment.binary, ["search", "-if", source, "--format", "raw"]).stdout
        let follow = try startFollow(directory, output: directory + "/out", format: "raw")
        try write(bytes, into: directory, seed: 1)
        #expect(stop(follow, after: lastID(expected), in: directory + "/out") == 0, "SIGTERM stops follow with 0")
        let followed = try Data(contentsOf: URL(fileURLWithPath: directory + "/out"))
        let rotated = ["audit.log.1", "audit.log.2"].allSatisfy { FileManager.default.fileExists(atPath: directory + "/" + $0) }
        #expect(rotated, "the writer rotated twice")
        #expect(followed.count > 10_000)
        #expect(followed == expected, "follow wrote \(followed.count) bytes, search \(expected.count)")
    }

    @Test func aRestartAfterKillNineWithStateLosesNothing() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
        let first = try startFollow(directory, output: directory + "/out1", format: "json")
        let written = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? write(bytes, into: directory, seed: 7)
            written.signal()
        }
        usleep(1_200_000)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let second = try startFollow(directory, output: directory + "/out2", format: "json")
        written.wait()
        let raw = try run(Environment.binary, ["search", "-if", source, "--format", "raw"]).stdout
        #expect(stop(second, after: lastID(raw), in: directory + "/out2") == 0)

        let expected = try run(Environment.binary, ["search", "-if", source, "--format", "json"]).lines.filter { !$0.isEmpty }
        let lines = try ["out1", "out2"].flatMap { name in
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(separator: "\n")
        }
        var seen: [String: Substring] = [:]
        var twice = 0
        for line in lines {
            let id = try #require(eventKey(line))
            if let earlier = seen[id] {
                twice += 1
                // The same event: the same records. What the tracker adds may differ, since the
                // restart's tracker begins at the resume position, without the processes before it.
                #expect(records(earlier) == records(line), "event \(id) came twice with other records")
            }
            seen[id] = line
        }
        let expectedKeys = Set(expected.compactMap(eventKey))
        let lost = expectedKeys.subtracting(seen.keys), extra = Set(seen.keys).subtracting(expectedKeys)
        #expect(lost.isEmpty && extra.isEmpty, "\(lost.count) events lost (\(lost.sorted().prefix(3))), \(extra.count) extra (\(extra.sorted().prefix(3)))")
        print("follow kill -9: \(seen.count) of \(expectedKeys.count) events, \(twice) of them written twice (the same records), none lost")
    }

    private func records(_ line: Substring) -> Data? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let records = object["records"] else { return nil }
        return try? JSONSerialization.data(withJSONObject: records, options: [.sortedKeys])
    }

    /// The event's id and first record type: a LOGIN and the SYSCALL of the same id are two events.
    private func eventKey(_ line: Substring) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let id = object["id"] as? String, let records = object["records"] as? [[String: Any]] else { return nil }
        return id + " " + (records.first?["type"] as? String ?? "")
    }
}

/// A small deterministic generator (SplitMix64), so a failing run can be repeated.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
