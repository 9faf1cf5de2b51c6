import AuditLog
import Detection
import Foundation
import Testing

/// Sigma rules for auditd, each supported feature matching and not matching records
/// written as auditd writes them; and the SigmaHQ corpus, every rule loading.
@Suite struct SigmaTests {
    static let execve = #"type=EXECVE msg=audit(1700000000.100:42): argc=3 a0="curl" a1="-o" a2=2F746D702F782073682E7368"#
    static let syscall = #"type=SYSCALL msg=audit(1700000000.100:42): arch=c000003e syscall=59 success=yes exit=0 a0=26 a1=2 a2=3 a3=4 items=2 ppid=1 pid=9 auid=1000 uid=0 euid=33 comm="curl" exe="/usr/bin/curl" key="exec""#
    static let sockaddr = #"type=SOCKADDR msg=audit(1700000000.100:42): saddr=0200115C0A000001 laddr=10.0.0.1"#

    func rule(_ detection: String, level: String = "high", logsource: String = "product: linux\n    service: auditd") throws -> SigmaRule {
        try SigmaRule(yaml: """
        title: Test rule
        id: 11111111-2222-3333-4444-555555555555
        tags:
            - attack.execution
            - attack.t1059.004
        logsource:
            \(logsource)
        detection:
        \(detection.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        level: \(level)
        """)
    }

    func matches(_ rule: SigmaRule, _ line: String) -> Bool {
        let event = EventStream.events(in: line + "\n")[0]
        return event.records.contains { rule.matches(SigmaRecord($0)) }
    }

    @Test func fieldsAndModifiers() throws {
        let r = try rule("""
        selection:
            type: 'execve'
            a0: curl
            a2|contains: 'sh.sh'
        condition: selection
        """)
        #expect(matches(r, Self.execve), "a hex-encoded argument is decoded; strings compare without case")
        #expect(!matches(r, Self.syscall))
        #expect(r.detection.mitre == ["T1059.004"] && r.detection.severity == .high && r.id == "11111111-2222-3333-4444-555555555555")
        let ends = try rule("sel:\n    exe|endswith:\n        - '/wget'\n        - '/curl'\n    SYSCALL: execve\n    euid: 33\ncondition: sel")
        #expect(matches(ends, Self.syscall), "SYSCALL is the syscall's name, from its number")
        let starts = try rule("sel:\n    exe|startswith: '/usr/sbin/'\ncondition: sel")
        #expect(!matches(starts, Self.syscall))
        let wildcard = try rule("sel:\n    comm: 'cu?l'\n    key: 'ex*'\ncondition: sel")
        #expect(matches(wildcard, Self.syscall))
        let all = try rule("sel:\n    a1|contains|all:\n        - '-'\n        - 'o'\ncondition: sel")
        #expect(matches(all, Self.execve))
        let regex = try rule("sel:\n    exe|re: '^/usr/bin/c[a-z]+$'\ncondition: sel")
        #expect(matches(regex, Self.syscall))
        let cidr = try rule("sel:\n    laddr|cidr: '10.0.0.0/8'\ncondition: sel")
        let other = try rule("sel:\n    laddr|cidr: '192.168.0.0/16'\ncondition: sel")
        #expect(matches(cidr, Self.sockaddr) && !matches(other, Self.sockaddr))
        let absent = try rule("sel:\n    type: SYSCALL\n    tty: null\ncondition: sel")
        #expect(matches(absent, Self.syscall), "null: the field is absent")
        let numbers = try rule("sel:\n    type: SYSCALL\n    a0: 26\ncondition: sel")
        #expect(matches(numbers, Self.syscall), "numbers compare with the value as written (hex)")
        let encoded = try rule("sel:\n    a1|base64offset|contains: 'curl -o'\ncondition: sel")
        #expect(!matches(encoded, Self.execve))
        let hidden = #"type=EXECVE msg=audit(1700000000.100:43): argc=3 a0="sh" a1="-c" a2="echo \#(Data("x=1; curl -o /tmp/a".utf8).base64EncodedString()) | base64 -d | sh""#
        #expect(matches(encoded, hidden.replacingOccurrences(of: "a1=\"-c\" a2=", with: "a1=")), "found at any offset in base64")
    }

    @Test func keywordsListsOfMapsAndConditions() throws {
        let keywords = try rule("sel:\n    type: EXECVE\nkeywords:\n    - 'sh.sh'\n    - 'nothing'\ncondition: sel and keywords")
        #expect(matches(keywords, Self.execve), "keywords are searched in the record, hex values decoded")
        let allKeywords = try rule("kw:\n    '|all':\n        - 'curl'\n        - 'nothing'\ncondition: kw")
        #expect(!matches(allKeywords, Self.execve))
        let maps = try rule("sel:\n    - comm: wget\n    - comm: curl\ncondition: sel")
        #expect(matches(maps, Self.syscall), "a list of maps: any of them")
        let oneOf = try rule("selection_a:\n    comm: wget\nselection_b:\n    comm: curl\ncondition: 1 of selection_*")
        #expect(matches(oneOf, Self.syscall))
        let allOf = try rule("selection_a:\n    comm: curl\nselection_b:\n    exe|endswith: /curl\ncondition: all of selection_*")
        #expect(matches(allOf, Self.syscall))
        let not = try rule("sel:\n    type: SYSCALL\nfilter_a:\n    comm: curl\ncondition: sel and not 1 of filter_*")
        #expect(!matches(not, Self.syscall))
        let grouped = try rule("a:\n    type: SYSCALL\nb:\n    comm: wget\nc:\n    euid: 33\ncondition: a and (b or c)")
        #expect(matches(grouped, Self.syscall))
        let them = try rule("a:\n    comm: curl\nb:\n    euid: 33\ncondition: all of them")
        #expect(matches(them, Self.syscall))
    }

    @Test func whatCannotBeUsedSaysWhy() {
        #expect(throws: SigmaError.unsupported("the modifier 'gte'")) { try rule("sel:\n    a0|gte: 3\ncondition: sel") }
        #expect(throws: SigmaError.unsupported("aggregations in conditions ('sel | count() > 5')")) {
            try rule("sel:\n    comm: curl\ncondition: sel | count() > 5")
        }
        #expect(throws: SigmaError.unsupported("timeframe (correlations over time)")) { try rule("sel:\n    comm: curl\ntimeframe: 5m\ncondition: sel") }
        #expect(throws: SigmaError.self) { try rule("sel:\n    comm: curl\ncondition: sel", logsource: "product: windows") }
        #expect(throws: SigmaError.unsupported("condition 'nosuch' names no selection 'nosuch'")) { try rule("sel:\n    comm: curl\ncondition: nosuch") }
    }

    /// The 54 SigmaHQ auditd rules (../shared/corpora/sigma-auditd, when present): all load.
    @Test func everyRuleOfTheCorpusLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora/sigma-auditd").path
        guard FileManager.default.fileExists(atPath: root) else { return }
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yml") }.sorted()
        let set = SigmaRuleSet(files: try paths.map { ($0, try String(contentsOfFile: root + "/" + $0, encoding: .utf8)) })
        #expect(paths.count == 54)
        #expect(set.problems.isEmpty, "\(set.problems)")
        #expect(set.rules.count == 54 && Set(set.rules.map(\.id)).count == 54)
    }
}
