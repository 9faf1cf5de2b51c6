import Foundation
import HostIO
import Testing
import TestSupport

/// The plugin's queue: never waits for its consumer, spills past its memory, keeps order,
/// drops only past its disk limit (and counts it), and hands a spill to the next run.
@Suite struct SpillQueueTests {
    private func drain(_ queue: SpillQueue) -> [UInt8] {
        var bytes: [UInt8] = []
        while case .bytes(let chunk) = queue.pop(timeout: 0.01) { bytes += chunk }
        return bytes
    }

    private func push(_ queue: SpillQueue, _ text: String) { Array(text.utf8).withUnsafeBytes { queue.push($0) } }

    @Test func orderHoldsAcrossMemoryAndTheSpillFile() throws {
        let directory = try TemporaryDirectory("spill")
        defer { directory.cleanUp() }
        let queue = try SpillQueue(memoryLimit: 100, spillPath: directory.path + "/spill", spillLimit: 1 << 20)
        var expected = ""
        for n in 0..<200 {
            let line = "line \(n)\n"
            expected += line
            push(queue, line)
        }
        let counters = queue.snapshot
        #expect(counters.spills == 1)
        #expect(counters.spilledBytes > 1000)
        #expect(String(decoding: drain(queue), as: UTF8.self) == expected)
        push(queue, "after\n")
        #expect(queue.snapshot.spills == 1, "an emptied spill gives memory back its turn")
        #expect(String(decoding: drain(queue), as: UTF8.self) == "after\n")
    }

    @Test func pastTheSpillLimitBytesAreDroppedAndCounted() throws {
        let directory = try TemporaryDirectory("spill")
        defer { directory.cleanUp() }
        let queue = try SpillQueue(memoryLimit: 10, spillPath: directory.path + "/spill", spillLimit: 20)
        for _ in 0..<10 { push(queue, "0123456789") }
        #expect(queue.snapshot.droppedBytes == 70)
        #expect(drain(queue).count == 30)
    }

    @Test func aSpillLeftByAnEarlierRunIsReadFirst() throws {
        let directory = try TemporaryDirectory("spill")
        defer { directory.cleanUp() }
        try directory.file("spill", "left over\n")
        let queue = try SpillQueue(memoryLimit: 1 << 20, spillPath: directory.path + "/spill", spillLimit: 1 << 20)
        push(queue, "new\n")
        #expect(queue.snapshot.recoveredBytes == 10)
        #expect(String(decoding: drain(queue), as: UTF8.self) == "left over\nnew\n")
        queue.close()
        if case .closed = queue.pop(timeout: 0.01) {} else { Issue.record("a closed, empty queue says so") }
    }
}
