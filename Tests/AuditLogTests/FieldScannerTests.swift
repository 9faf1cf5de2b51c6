import Testing
import AuditLog

@Suite struct FieldScannerTests {
    @Test func readsNestedUserMessage() throws {
        let line = #"type=USER_CMD msg=audit(1.000:100): pid=3510 uid=0 auid=4294967295 msg='cwd="/work" cmd="true" exe="/usr/bin/sudo" terminal=? res=success'"#
        let fields = try RecordParser.parse(line).get().fields
        #expect(fields.map(\.name) == ["pid", "uid", "auid", "msg", "cwd", "cmd", "exe", "terminal", "res"])
        #expect(fields[3].quoting == .singleQuoted)
        #expect(fields[4].nested && fields[4].value == "/work" && fields[4].quoting == .doubleQuoted)
        #expect(fields.last?.value == "success")
    }

    @Test func keepsWordsAndSpacingWhenAsked() throws {
        let line = "type=AVC msg=audit(1.000:1): avc:  denied  { read } for  pid=1 comm=\"x\""
        let record = try RecordParser.parse(line).get()
        #expect(record.fields.map(\.name) == ["pid", "comm"])
        let tokens = record.fields(includingWords: true).map { $0.isWord ? "[\($0.name)]" : $0.name }
        #expect(tokens == ["[avc:]", "[]", "[denied]", "[]", "[{]", "[read]", "[}]", "[for]", "[]", "pid", "comm"])
    }

    @Test func valueLookupStopsAtFirstMatch() throws {
        let record = try RecordParser.parse("type=X msg=audit(1.000:1): a=1 b=2 a=3").get()
        #expect(record.value(of: "a") == "1")
        #expect(record.value(of: "c") == nil)
    }

    @Test func decodesHexText() {
        #expect(HexText.decode(ArraySlice("2F746D702F61206222".utf8)) == "/tmp/a b\"")
        #expect(HexText.decode(ArraySlice("(null)".utf8)) == nil)
        #expect(HexText.decode(ArraySlice("ABC".utf8)) == nil)
    }
}
