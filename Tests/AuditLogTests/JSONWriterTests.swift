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

    /// Bytes straight from a record are written as their decoded text would be: every byte
    /// that needs an escape, at every place in an eight-byte word, and bytes that are not UTF-8.
    @Test func logBytesAreWrittenAsTheirText() {
        var samples: [[UInt8]] = [[], Array("plain-ascii-longer-than-a-word".utf8), Array("é and ü".utf8),
                                  [0x66, 0xFF, 0x6F], [0xC3], Array("tab\there".utf8)]
        for special: UInt8 in [0x00, 0x07, 0x0A, 0x1F, 0x22, 0x5C, 0x7F, 0xC2, 0x80] {
            for offset in 0..<17 {
                var bytes = Array(repeating: UInt8(ascii: "x"), count: 20)
                bytes[offset] = special
                samples.append(bytes)
            }
        }
        for bytes in samples {
            var fromBytes = JSONWriter()
            var fromText = JSONWriter()
            bytes.withUnsafeBufferPointer { buffer in
                fromBytes.object { o in
                    o.key(bytes: buffer)
                    o.string(bytes: buffer, prefix: "0x")
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            fromText.object { o in o.member(text, "0x" + text) }
            let written = fromBytes.text(), expected = fromText.text()
            #expect(written == expected, "\(bytes)")
        }
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
            a.int(Int64.min)
            a.int(0)
        }
        #expect(json.text() == "[2,0.25,null,null,-7,18446744073709551615,-9223372036854775808,0]")
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
