import AuditLog
import Testing
import TestSupport

/// The live grouping: bytes in any pieces, events as a file would give them, finished by a
/// later event, by EOE, or by a quiet time; and where a restart must read again.
@Suite struct LiveGrouperTests {
    private let lines = [
        "type=SYSCALL msg=audit(1700000000.100:10): arch=c000003e syscall=59 success=yes exit=0 pid=5 ppid=1 auid=1000 uid=0 comm=\"sh\" exe=\"/bin/sh\" key=\"exec\"",
        "type=EXECVE msg=audit(1700000000.100:10): argc=1 a0=\"sh\"",
        "type=SYSCALL msg=audit(1700000001.200:11): arch=c000003e syscall=2 success=no exit=-2 pid=6 ppid=1 auid=1000 uid=0 comm=\"cat\" exe=\"/bin/cat\" key=(null)",
        "type=PATH msg=audit(1700000001.200:11): item=0 name=\"/etc/shadow\" nametype=UNKNOWN",
        "type=SYSCALL msg=audit(1700000005.300:12): arch=c000003e syscall=59 success=yes exit=0 pid=7 ppid=1 auid=1000 uid=0 comm=\"ls\" exe=\"/bin/ls\" key=\"exec\"",
    ]
    private var text: String { lines.joined(separator: "\n") + "\n" }

    private func feed(_ grouper: inout LiveGrouper, _ text: String, pieces: [Int], position: Bool = false) -> [AuditEvent] {
        var events: [AuditEvent] = []
        let bytes = Array(text.utf8)
        var offset = 0
        for size in pieces + [bytes.count] where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            bytes[offset..<end].withUnsafeBytes { raw in
                grouper.add(raw, at: position ? LogPosition(device: 1, inode: 2, offset: Int64(offset)) : nil, now: 0) { events.append($0) }
            }
            offset = end
        }
        return events
    }

    @Test func piecesCutAnywhereGiveTheEventsOfTheFile() {
        let expected = TestSupport.events(lines).map { $0.records.map(\.bytes) }
        for cut in [1, 7, 50, 133, 400] {
            var grouper = LiveGrouper()
            var events = feed(&grouper, text, pieces: Array(repeating: cut, count: 1000))
            grouper.finish { events.append($0) }
            #expect(events.map { $0.records.map(\.bytes) } == expected, "pieces of \(cut) bytes")
        }
    }

    @Test func aLaterEventFinishesOlderOnesAndTheQuietTimeTheRest() {
        var grouper = LiveGrouper()
        let events = feed(&grouper, text, pieces: [])
        // The event 4 s later finished the first two; the last waits.
        #expect(events.map(\.id.serial) == [10, 11])
        var flushed: [AuditEvent] = []
        grouper.tick(now: 1) { flushed.append($0) }
        #expect(flushed.isEmpty, "not quiet for 2 s yet")
        grouper.tick(now: 2.5) { flushed.append($0) }
        #expect(flushed.map(\.id.serial) == [12])
        #expect(grouper.isIdle)
    }

    @Test func eoeFinishesItsEventAtOnceAndIsLeftOut() {
        var grouper = LiveGrouper()
        let stream = lines[0] + "\n" + lines[1] + "\ntype=EOE msg=audit(1700000000.100:10): \n"
        let events = feed(&grouper, stream, pieces: [])
        #expect(events.count == 1)
        #expect(events.first?.records.map(\.type) == [.syscall, .execve])
    }

    @Test func aPartialLineWaitsForItsEndAndTheFileEndTakesItWhole() {
        var grouper = LiveGrouper()
        let cut = text.utf8.count - 20
        var events = feed(&grouper, String(text.prefix(cut)), pieces: [])
        #expect(events.isEmpty, "the last line, cut, has not opened its event yet")
        grouper.endOfFile { events.append($0) }
        #expect(events.map(\.id.serial) == [10, 11], "the file's end takes the cut line whole")
        grouper.finish { events.append($0) }
        #expect(events.map(\.id.serial) == [10, 11, 12])
    }

    @Test func aFollowerStoppingLeavesItsPartialLineForTheNextStart() {
        var grouper = LiveGrouper()
        let cut = text.utf8.count - 20
        var events = feed(&grouper, String(text.prefix(cut)), pieces: [], position: true)
        grouper.finish(takingPartialLine: false) { events.append($0) }
        #expect(events.map(\.id.serial) == [10, 11], "the cut line is not an event")
        let lastLine = text.utf8.count - lines[4].utf8.count - 1
        #expect(grouper.resumePosition?.offset == Int64(lastLine), "the next start reads the cut line again")
    }

    @Test func theResumePositionIsTheOldestLineNotYetEmitted() throws {
        var grouper = LiveGrouper()
        let first = lines[0] + "\n" + lines[1] + "\n"
        _ = feed(&grouper, first, pieces: [], position: true)
        #expect(grouper.resumePosition?.offset == 0, "event 10 is still pending")
        var events: [AuditEvent] = []
        Array((lines[4] + "\n").utf8).withUnsafeBytes { raw in
            grouper.add(raw, at: LogPosition(device: 1, inode: 2, offset: Int64(first.utf8.count)), now: 0) { events.append($0) }
        }
        #expect(events.map(\.id.serial) == [10])
        #expect(grouper.resumePosition?.offset == Int64(first.utf8.count), "only event 12 is pending, from its line")
        #expect(grouper.emittedAfterResume.isEmpty)
    }

    @Test func aRestartDropsTheEventsItWasToldWereEmitted() {
        var grouper = LiveGrouper()
        grouper.alreadyEmitted = [EventID(seconds: 1700000000, milliseconds: 100, serial: 10)]
        var events = feed(&grouper, text, pieces: [])
        grouper.finish { events.append($0) }
        #expect(events.map(\.id.serial) == [11, 12])
    }

    @Test func malformedLinesAreNamedByFileAndLine() {
        var grouper = LiveGrouper()
        grouper.startSource("/var/log/audit/audit.log", line: 41)
        var events = feed(&grouper, lines[0] + "\nnot an audit line\n", pieces: [])
        grouper.finish { events.append($0) }
        #expect(events.count == 1)
        #expect(grouper.diagnostics.examples.first?.description == "/var/log/audit/audit.log:42: skipped: no type= field")
    }
}
