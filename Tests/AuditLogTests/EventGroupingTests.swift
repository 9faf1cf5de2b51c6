import Testing
@testable import AuditLog

@Suite struct EventGroupingTests {
    private func ids(_ events: [AuditEvent]) -> [String] {
        events.map { "\($0.id.serial):" + $0.records.map(\.type.name).joined(separator: ",") }
    }

    @Test func groupsInterleavedRecords() {
        let log = """
        type=SYSCALL msg=audit(100.000:1): a=1
        type=SYSCALL msg=audit(100.001:2): a=1
        type=PATH msg=audit(100.000:1): item=0
        type=PATH msg=audit(100.001:2): item=0
        type=PROCTITLE msg=audit(100.000:1): proctitle=41
        """
        #expect(ids(EventStream.events(in: log)) == ["1:SYSCALL,PATH,PROCTITLE", "2:SYSCALL,PATH"])
    }

    @Test func singleRecordTypesCloseAtOnce() {
        // LOGIN closes its event; the SYSCALL with the same id opens another, as in ausearch.
        let log = """
        type=LOGIN msg=audit(100.000:7): pid=1 auid=1000
        type=SYSCALL msg=audit(100.000:7): syscall=1
        type=PROCTITLE msg=audit(100.000:7): proctitle=41
        """
        #expect(ids(EventStream.events(in: log)) == ["7:LOGIN", "7:SYSCALL,PROCTITLE"])
    }

    @Test func emitsOldestFirstEvenWhenReadOutOfOrder() {
        let log = """
        type=SYSCALL msg=audit(105.000:9): a=1
        type=SYSCALL msg=audit(100.000:3): a=1
        type=USER_CMD msg=audit(101.000:4): pid=1
        """
        #expect(ids(EventStream.events(in: log)).map { $0.prefix(1) } == ["3", "4", "9"])
    }

    @Test func eventsOnlyOfEOEAreDropped() {
        let log = """
        type=EOE msg=audit(100.000:1):
        type=SYSCALL msg=audit(100.000:2): a=1
        type=EOE msg=audit(100.000:2):
        """
        #expect(ids(EventStream.events(in: log)) == ["2:SYSCALL,EOE"])
    }

    @Test func pendingEventsStayBounded() {
        var coalescer = Coalescer<Line>()
        coalescer.maximumPending = 10
        var finished = FinishedEvents<Line>()
        var emitted = 0
        for serial in 0..<1000 {
            coalescer.add(Line(groupKey: EventKey(seconds: 100, milliseconds: 0, serial: UInt64(serial), node: 0)), into: &finished)
            finished.forEach { _ in emitted += 1 }
            finished.removeAll()
        }
        #expect(emitted >= 989)
    }
}

/// The least a record needs to be grouped.
private struct Line: Groupable {
    var groupKey: EventKey
    var typeNumber: Int { 1300 }
}
