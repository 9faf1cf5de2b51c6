import Testing
import AuditLog

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

    @Test func readsNodePrefix() throws {
        let record = try RecordParser.parse("node=web-1 type=EOE msg=audit(1.002:3): ").get()
        #expect(record.id.node == "web-1")
        #expect(record.type == .eoe)
        #expect(record.id.milliseconds == 2)
    }

    @Test func splitsEnrichment() throws {
        let line = "type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2 uid=0\u{1D}ARCH=x86_64 SYSCALL=open UID=\"root\""
        let record = try RecordParser.parse(line).get()
        #expect(record.isEnriched)
        #expect(record.enrichment["UID"] == "root")
        #expect(record.enrichment["SYSCALL"] == "open")
        #expect(record.fields.map(\.name) == ["arch", "syscall", "uid"])
    }

    @Test func keepsUnknownTypeNumbers() throws {
        let record = try RecordParser.parse("type=UNKNOWN[1420] msg=audit(1.000:1): x=1").get()
        #expect(record.type.number == 1420)
        #expect(record.type.name == "UNKNOWN[1420]")
    }

    @Test(arguments: [
        ("garbage", LineProblem.missingType),
        ("type=SYSCALL arch=x", .missingTimestamp),
        ("type=SYSCALL msg=audit(12x.000:1): a=1", .badTimestamp),
        ("type=SYSCALL msg=audit(1.000:1", .badTimestamp),
        ("type=SYS\u{0}CALL msg=audit(1.000:1): a=1", .missingTimestamp),
    ])
    func rejectsBrokenLines(line: String, problem: LineProblem) {
        guard case .failure(let found) = RecordParser.parse(line) else {
            Issue.record("accepted \(line)")
            return
        }
        #expect(found == problem)
    }

    @Test func aNulByteEndsTheLineAsInAusearch() throws {
        let record = try RecordParser.parse("type=SYSCALL msg=audit(1.000:1): a=1 b=\u{0}\u{1}garbage c=3").get()
        #expect(record.fields.map(\.name) == ["a", "b"])
        #expect(record.bytes.count == "type=SYSCALL msg=audit(1.000:1): a=1 b=".utf8.count)
    }

    @Test func rejectsLinesOverTheLimit() {
        let line = "type=SYSCALL msg=audit(1.000:1): a=" + String(repeating: "x", count: RecordParser.maximumLineLength)
        guard case .failure(let problem) = RecordParser.parse(line) else { Issue.record("accepted"); return }
        #expect(problem == .tooLong)
    }
}
