import AuditLog
import Foundation
import Testing

@Suite struct OutputTests {
    private func render(_ log: String, _ format: OutputFormat, escape: Bool = false) -> String {
        var out = OutputBuffer()
        let writer = EventWriter(format: format, interpreter: Interpreter(names: FixedNames()), escapeControlCharacters: escape)
        for event in EventStream.events(in: log) { writer.write(event, into: &out) }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test func jsonLiftsTheCommonFactsToTheTopLevel() throws {
        let log = """
        type=SYSCALL msg=audit(1795778816.799:437): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=8 items=2 ppid=5613 pid=5615 auid=1001 uid=0 gid=0 euid=0 tty=(none) ses=1 comm="sh" exe="/usr/bin/dash" key="exec"
        type=EXECVE msg=audit(1795778816.799:437): argc=3 a0="sh" a1="-c" a2=6563686F206869
        type=CWD msg=audit(1795778816.799:437): cwd="/root"
        type=PATH msg=audit(1795778816.799:437): item=0 name="/bin/sh" inode=1 nametype=NORMAL
        type=PATH msg=audit(1795778816.799:437): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=2 nametype=NORMAL
        """
        let object = try #require(try JSONSerialization.jsonObject(with: Data(render(log, .json).utf8)) as? [String: Any])
        #expect(object["exe"] as? String == "/usr/bin/dash" && object["comm"] as? String == "sh")
        #expect(object["key"] as? String == "exec" && object["keys"] as? [String] == ["exec"])
        #expect(object["syscall"] as? String == "execve" && object["success"] as? Bool == true && object["exit"] as? Int == 0)
        #expect(object["pid"] as? Int == 5615 && object["ppid"] as? Int == 5613 && object["uid"] as? Int == 0)
        #expect(object["auid"] as? Int == 1001 && object["auid_user"] as? String == "alice")
        #expect(object["cwd"] as? String == "/root")
        #expect(object["argv"] as? [String] == ["sh", "-c", "echo hi"])
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(paths.map { $0["name"] as? String } == ["/bin/sh", "/lib64/ld-linux-x86-64.so.2"])
        #expect(paths.map { $0["nametype"] as? String } == ["NORMAL", "NORMAL"])
    }

    @Test func jsonSaysNullForWhatAnEventDoesNotHave() throws {
        let log = "type=DAEMON_START msg=audit(1.000:1): op=start ver=3.0.9 auid=4294967295 pid=1 uid=0 ses=4294967295 res=success"
        let object = try #require(try JSONSerialization.jsonObject(with: Data(render(log, .json).utf8)) as? [String: Any])
        for absent in ["exe", "comm", "key", "syscall", "exit", "ppid", "auid", "auid_user", "cwd", "argv"] {
            #expect(object[absent] is NSNull, "\(absent)")
        }
        #expect(object["keys"] as? [String] == [] && (object["paths"] as? [Any])?.isEmpty == true)
        #expect(object["pid"] as? Int == 1 && object["success"] as? Bool == true)
    }

    @Test func interpretMatchesAusearchLayout() {
        let text = render("type=CONFIG_CHANGE msg=audit(1795778398.027:3): auid=4294967295 ses=4294967295 op=add_rule key=\"failopen\" list=4 res=1", .interpret)
        #expect(text.hasPrefix("----\ntype=CONFIG_CHANGE msg=audit("))
        #expect(text.hasSuffix(".027:3) : auid=unset ses=unset op=add_rule key=failopen list=exit res=yes \n"))
    }

    @Test func userMessagesKeepTheirQuotes() {
        let text = render("type=USER_CMD msg=audit(1.000:100): pid=1 uid=0 msg='cwd=\"/w\" cmd=\"true\" res=success'", .interpret)
        #expect(text.hasSuffix(": pid=1 uid=root msg='cwd=/w cmd=true res=success' \n"))
    }

    @Test func defaultFormatPrintsNewestRecordFirstWithoutEnrichment() {
        let text = render("type=SYSCALL msg=audit(1.000:1): a=1\u{1D}UID=\"root\"\ntype=PROCTITLE msg=audit(1.000:1): proctitle=41", .default)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "----")
        #expect(lines[1].hasPrefix("time->"))
        #expect(lines[2] == "type=PROCTITLE msg=audit(1.000:1): proctitle=41")
        #expect(lines[3] == "type=SYSCALL msg=audit(1.000:1): a=1")
    }

    @Test func rawKeepsLinesAndAusearchsSeparator() {
        let text = render("type=SYSCALL msg=audit(1.000:1): a=1\u{1D}UID=\"root\"\ntype=PROCTITLE msg=audit(1.000:1): proctitle=41", .raw)
        #expect(text == "type=SYSCALL msg=audit(1.000:1): a=1\u{1D}UID=\"root\"\ntype=PROCTITLE msg=audit(1.000:1): proctitle=41\u{1D}\n")
    }

    @Test func hostileNamesAreEscapedForTerminals() {
        // A file named ESC[31mred, hex-encoded by the kernel.
        let log = "type=PATH msg=audit(1.000:1): item=0 name=1B5B33316D726564 nametype=CREATE"
        #expect(render(log, .interpret).contains("name=\\033[31mred "))
        #expect(!render(log, .interpret).contains("\u{1B}"))
        #expect(render("type=PATH msg=audit(1.000:1): name=\"a\u{1B}b\"", .raw, escape: true).contains("a\\033b"))
    }

    @Test func jsonEscapesAndCarriesBothValues() {
        let text = render("type=PATH msg=audit(1795778398.031:5): item=0 name=612220220A62 ouid=0", .json)
        #expect(text.hasPrefix("{\"id\":\"1795778398.031:5\",\"node\":null,\"time\":\"2026-11-27T11:19:58.031Z\",\"serial\":5,"))
        #expect(text.contains("\"fields\":{\"item\":\"0\",\"name\":\"a\\\" \\\"\\nb\",\"ouid\":\"root\"}"))
        #expect(text.contains("\"raw\":{\"item\":\"0\",\"name\":\"612220220A62\",\"ouid\":\"0\"}"))
        #expect(text.hasSuffix("]}\n"))
    }
}

extension OutputTests {
    @Test func xmlEscapingLeavesNoMarkupOrControlBytes() {
        #expect(Escaping.xml(#"<script>alert("x") & 'y'</script>"#) == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(Escaping.xml("a\u{1B}[31mb\u{0}c\td\n") == "a\\x1b[31mb\\x00c\td\n")
    }
}
