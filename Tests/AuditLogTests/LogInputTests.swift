import Foundation
import Testing
import AuditLog
import HostIO

@Suite struct LogInputTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dockaudit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func scan(_ files: [String]) throws -> (events: [AuditEvent], diagnostics: Diagnostics) {
        var scanner = EventStream()
        var events: [AuditEvent] = []
        try scanner.scan(files: files) { events.append($0) }
        return (events, scanner.diagnostics)
    }

    @Test func brokenLinesAreSkippedCountedAndLocated() throws {
        let path = try #require(Bundle.module.path(forResource: "Fixtures/broken", ofType: "log"))
        let (events, diagnostics) = try scan([path])
        #expect(events.map(\.id.serial) == [1, 3, 4])
        #expect(events[0].records.count == 2)
        #expect(diagnostics.skippedCount == 3)
        #expect(diagnostics.examples.map(\.line) == [2, 3, 5])
        #expect(diagnostics.summary?.contains("broken.log:2: skipped: no type= field") == true)
    }

    @Test func longLinesAreSkippedWithoutStoppingTheScan() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("audit.log")
        let long = "type=SYSCALL msg=audit(1.000:1): a=" + String(repeating: "x", count: 3 << 20)
        try ("type=SYSCALL msg=audit(1.000:2): a=1\n" + long + "\ntype=SYSCALL msg=audit(1.000:3): a=1").write(to: file, atomically: true, encoding: .utf8)
        let (events, diagnostics) = try scan([file.path])
        #expect(events.map(\.id.serial) == [2, 3])
        #expect(diagnostics.examples.first?.problem == .tooLong)
        #expect(diagnostics.examples.first?.line == 2)
    }

    @Test func linesSpanningReadChunksAreWhole() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("audit.log")
        let count = BlockPlan.blockSize / 50
        var text = ""
        for serial in 0..<count { text += "type=USER_CMD msg=audit(1.000:\(serial)): pid=\(serial) x=yyyy\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let (events, diagnostics) = try scan([file.path])
        #expect(events.count == count)
        #expect(diagnostics.skippedCount == 0)
    }

    @Test func directoriesAreReadOldestFirst() throws {
        let dir = try temporaryDirectory()
        for (name, serial) in [("audit.log", 3), ("audit.log.1", 2), ("audit.log.2", 1), ("other.txt", 9)] {
            try "type=USER_CMD msg=audit(\(serial).000:\(serial)): pid=1\n".write(
                to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let files = try LogFiles.resolve([dir.path])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["audit.log.2", "audit.log.1", "audit.log"])
    }

    @Test func unreadableInputNamesTheFile() {
        #expect(throws: InputError.self) { try scan(["/nonexistent/dockaudit/audit.log"]) }
        do { _ = try scan(["/nonexistent/dockaudit/audit.log"]) } catch {
            #expect(String(describing: error).hasPrefix("/nonexistent/dockaudit/audit.log: "))
        }
    }

    @Test func aFileAndTheSameBytesInMemoryGiveTheSameEvents() throws {
        // Past one block, with a line too long to keep and a broken line: every source gives
        // the same events and the same diagnostics.
        var text = ""
        for serial in 0..<(BlockPlan.blockSize / 60) { text += "type=USER_CMD msg=audit(\(serial / 500).000:\(serial)): pid=\(serial) x=y\n" }
        text += "garbage\n" + "type=SYSCALL msg=audit(9.000:1): a=" + String(repeating: "x", count: BlockPlan.blockSize + 10) + "\n"
        text += "type=SYSCALL msg=audit(9.000:2): a=1\n"
        let file = try temporaryDirectory().appendingPathComponent("audit.log")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try scan([file.path])
        var memory = EventStream()
        var fromMemory: [AuditEvent] = []
        try memory.scan([MemoryLogSource(text: text, name: file.path)]) { fromMemory.append($0) }
        #expect(fromMemory.map(\.records.first!.bytes) == fromFile.events.map(\.records.first!.bytes))
        #expect(fromMemory.count == BlockPlan.blockSize / 60 + 1)
        #expect(memory.diagnostics.summary == fromFile.diagnostics.summary)
        #expect(memory.diagnostics.skippedCount == 2)
    }

    /// A pipe hands over small blocks; the log here goes back in time (two logs joined in the
    /// wrong order), so the first half's last events stay open while the second half is read.
    /// Small blocks must group and order them as one big block does, as ausearch does.
    @Test func aPipesSmallBlocksGroupAsTheFileDoes() throws {
        var half = ""
        for serial in 0..<2_000 {
            half += "type=SYSCALL msg=audit(\(100 + serial / 100).000:\(serial)): arch=c000003e syscall=2 pid=7\n"
            half += "type=PATH msg=audit(\(100 + serial / 100).000:\(serial)): item=0 name=\"/etc/x\"\n"
        }
        let text = half + half
        var whole = EventStream(), piped = EventStream()
        var fromWhole: [AuditEvent] = [], fromPipe: [AuditEvent] = []
        try whole.scan([MemoryLogSource(text: text)]) { fromWhole.append($0) }
        try piped.scan([SmallBlocks(text: text, linesPerBlock: 50)]) { fromPipe.append($0) }
        // The first half's last two seconds are still open when the second half repeats
        // their ids, so those records join them: 200 events fewer.
        #expect(fromWhole.count == 3_800)
        #expect(fromPipe.map { $0.records.map(\.bytes) } == fromWhole.map { $0.records.map(\.bytes) })
    }

    /// Output slower than the scan holds the scan back: however many batches the log
    /// makes, no more partial results exist than the workers' slots.
    @Test func slowDeliveryHoldsTheScanBack() throws {
        let text = (1...20_000).map { "type=SYSCALL msg=audit(100.000:\($0)): arch=c000003e syscall=2 success=yes exit=3 pid=7 auid=0 uid=0\n" }.joined()
        final class Counts: @unchecked Sendable { var made = 0, events = 0, delivered = 0 }
        let counts = Counts(), lock = NSLockLite()
        var stream = EventStream()
        try stream.scan([MemoryLogSource(text: text)], workers: 2, makePartial: { () -> Int in
            lock.withLock { counts.made += 1 }
            return 0
        }, fill: { _, _, partial in partial += 1 }, deliver: { partial in
            usleep(2_000)
            counts.events += partial
            counts.delivered += 1
            partial = 0
        })
        #expect(counts.events == 20_000 && counts.delivered >= 39)
        #expect(counts.made <= 4, "partials made: \(counts.made)")
    }
}

/// Lines handed over a few at a time by one reader, as a pipe is read.
private struct SmallBlocks: LogSource {
    let name = "<pipe>"
    let blocks: [[UInt8]]
    var isShareable: Bool { false }

    init(text: String, linesPerBlock: Int) {
        let lines = text.split(separator: "\n").map { Array($0.utf8) + [0x0A] }
        blocks = stride(from: 0, to: lines.count, by: linesPerBlock).map {
            Array(lines[$0..<min(lines.count, $0 + linesPerBlock)].joined())
        }
    }

    func forEachSegment(_ body: (LogSegment) throws -> Void) throws {
        for block in blocks {
            let bytes = block.withUnsafeBytes { BlockBytes(copying: $0) }
            try body(.block { bytes })
        }
    }
}
