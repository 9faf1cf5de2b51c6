import AuditLog
import Testing

@Suite struct JSONWriterTests {
    @Test func commasNestingAndNulls() {
        var json = JSONWriter()
        json.object { o in
            o.member("id", "1.000:5")
            o.member("node", nil as String?)
            o.key("records")
            o.array([1, 2]) { json, n in json.object { $0.member("n", n) } }
            o.key("empty")
            o.array { _ in }
            o.member("ok", true)
            o.memberIfPresent("absent", nil as Int?)
        }
        #expect(json.text() == #"{"id":"1.000:5","node":null,"records":[{"n":1},{"n":2}],"empty":[],"ok":true}"#)
    }

    @Test func stringsFromTheLogAreEscaped() {
        var json = JSONWriter()
        json.array { a in
            a.string("quote \" backslash \\ newline \n tab \t bell \u{07} del \u{7F} é")
        }
        #expect(json.text() == #"["quote \" backslash \\ newline \n tab \t bell \u0007 del \u007f é"]"#)
    }

    @Test func numbersAsJSONHasThem() {
        var json = JSONWriter()
        json.array { a in
            a.double(2)
            a.double(0.25)
            a.double(.nan)
            a.double(.infinity)
            a.int(-7)
            a.int(UInt64.max)
        }
        #expect(json.text() == "[2,0.25,null,null,-7,18446744073709551615]")
    }

    @Test func rowsOneALineAndWritingAfterOtherOutput() {
        var out = OutputBuffer()
        out.append("prefix ")
        JSONWriter.write(into: &out) { json in
            json.array([1, 2, 3], oneALine: true) { $0.int($1) }
        }
        #expect(String(decoding: out.bytes, as: UTF8.self) == "prefix [1,\n2,\n3]")
    }
}
