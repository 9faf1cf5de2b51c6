import Testing
@testable import AuditLog

@Suite struct EventAssemblerTests {
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
        #expect(ids(LogScanner.events(in: log)) == ["1:SYSCALL,PATH,PROCTITLE", "2:SYSCALL,PATH"])
    }

    @Test func singleRecordTypesCloseAtOnce() {
        // LOGIN closes its event; the SYSCALL with the same id opens another, as in ausearch.
        let log = """
        type=LOGIN msg=audit(100.000:7): pid=1 auid=1000
        type=SYSCALL msg=audit(100.000:7): syscall=1
        type=PROCTITLE msg=audit(100.000:7): proctitle=41
        """
        #expect(ids(LogScanner.events(in: log)) == ["7:LOGIN", "7:SYSCALL,PROCTITLE"])
    }

    @Test func emitsOldestFirstEvenWhenReadOutOfOrder() {
        let log = """
        type=SYSCALL msg=audit(105.000:9): a=1
        type=SYSCALL msg=audit(100.000:3): a=1
        type=USER_CMD msg=audit(101.000:4): pid=1
        """
        #expect(ids(LogScanner.events(in: log)).map { $0.prefix(1) } == ["3", "4", "9"])
    }

    @Test func timeWindowFinishesOldEvents() {
        var assembler = EventAssembler()
        var out: [AuditEvent] = []
        for line in ["type=SYSCALL msg=audit(100.000:1): a=1", "type=SYSCALL msg=audit(101.000:2): a=1",
                     "type=SYSCALL msg=audit(102.000:3): a=1"] {
            assembler.add(try! RecordParser.parse(line).get()) { out.append($0) }
        }
        #expect(out.map(\.id.serial) == [1])
        assembler.finish { out.append($0) }
        #expect(out.map(\.id.serial) == [1, 2, 3])
    }

    @Test func pendingEventsStayBounded() {
        var assembler = EventAssembler()
        assembler.maximumPending = 10
        var emitted = 0
        for serial in 0..<1000 {
            assembler.add(try! RecordParser.parse("type=SYSCALL msg=audit(100.000:\(serial)): a=1").get()) { _ in emitted += 1 }
        }
        #expect(emitted >= 989)
    }
}
