import Testing
@testable import AuditLog

@Suite struct RecordParserTests {
    @Test func parsesHeaderAndBody() throws {
        let line = #"type=SYSCALL msg=audit(1795778398.031:5): arch=c000003e syscall=257 success=no exit=-2 key="failopen""#
        let record = try RecordParser.parse(line).get()
        #expect(record.type == .syscall)
        #expect(record.id == EventID(seconds: 1_795_778_398, milliseconds: 31, serial: 5))
        #expect(record.value(of: "syscall") == "257")
        #expect(record.value(of: "key") == "failopen")
        #expect(!record.isEnriched)
    }
}
