import Testing
import AuditRules

/// Parsing follows auditctl's option rules; every refusal names the file and line.
struct RuleParserTests {
    private func parse(_ text: String) -> RuleFile { RuleFile(path: "t.rules", bytes: Array(text.utf8)) }

    private func statement(_ line: String) throws -> RuleStatement {
        let file = parse(line + "\n")
        try #require(file.problems.isEmpty, "\(file.problems)")
        return try #require(file.lines.first).statement
    }

    private func problem(_ line: String) throws -> RuleProblem {
        let file = parse("# first line\n" + line + "\n")
        return try #require(file.problems.first, "expected a problem for \(line)")
    }

    @Test func watchesWithDefaultsAndTrailingSlash() throws {
        guard case .watch(let watch) = try statement("-w /etc/docker/ -k docker") else { Issue.record("not a watch"); return }
        #expect(watch.path == "/etc/docker")
        #expect(watch.permissions == nil && watch.effectivePermissions == .all)
        #expect(watch.keys == ["docker"])
        guard case .watch(let removal) = try statement("-W /etc/docker -p wa") else { Issue.record("not a watch"); return }
        #expect(removal.removes && removal.permissions == [.write, .attribute])
    }

    @Test func syscallRulesInEitherOrderWithEveryOperator() throws {
        let line = "-a exit,always -F arch=b64 -S openat,open -F exit=-EACCES -F auid>=1000 -F auid!=unset "
            + "-F a0&0x7E020000 -F a1&=3 -F uid<5 -F gid>2 -F pid<=9 -C uid!=euid -k k1 -F key=k2"
        guard case .syscall(let rule) = try statement(line) else { Issue.record("not a rule"); return }
        #expect(rule.list == .exit && rule.action == .always && rule.operation == .append)
        #expect(rule.syscalls == ["openat", "open"])
        #expect(rule.fields.map(\.description) == ["arch=b64", "exit=-EACCES", "auid>=1000", "auid!=unset",
                                                   "a0&0x7E020000", "a1&=3", "uid<5", "gid>2", "pid<=9"])
        #expect(rule.comparisons.map(\.description) == ["uid!=euid"])
        #expect(rule.keys == ["k1", "k2"])
        guard case .syscall(let prepended) = try statement("-A always,exclude -F msgtype=CWD") else { return }
        #expect(prepended.operation == .prepend && prepended.list == .exclude)
    }

    @Test func syscallsByNumberAndAttachedValues() throws {
        guard case .syscall(let rule) = try statement("-a always,exit -F arch=b32 -S120 -kfoo") else { return }
        #expect(rule.syscalls == ["120"] && rule.keys == ["foo"])
        #expect(RuleShape(rule, native: .x86_64).syscalls == [120])
    }

    @Test func controlOptions() throws {
        let file = parse("-D\n-b 8192\n-f 1\n-r 100\n--backlog_wait_time 60000\n-i\n-c\n--loginuid-immutable\n--reset-lost\n-e 2\n-D -k old\n")
        #expect(file.problems.isEmpty)
        #expect(file.lines.map(\.statement) == [
            .control(.deleteAll(key: nil)), .control(.backlogLimit(8192)), .control(.failureMode(1)),
            .control(.rateLimit(100)), .control(.backlogWaitTime(60000)), .control(.ignoreErrors),
            .control(.continueOnError), .control(.loginUIDImmutable), .control(.resetLost), .control(.enabled(2)),
            .control(.deleteAll(key: "old")),
        ])
    }

    @Test func escapedSpacesInPaths() throws {
        guard case .watch(let watch) = try statement(#"-w /srv/my\ data -p wa"#) else { return }
        #expect(watch.path == "/srv/my data")
    }

    @Test func refusalsCarryCodeAndLine() throws {
        let cases: [(String, String)] = [
            ("-a always,exit -S open -F arch=b64", "syntax"),             // arch after -S
            ("-a always,exit -F arch=b64 -S nosuchcall", "unknown-syscall"),
            ("-a always,exit -F arch=b32 -S 9999", "unknown-syscall"),
            ("-a always,exit -F nosuchfield=1", "unknown-field"),
            ("-w /etc/docker -p rwz", "bad-permission"),
            ("-a always,exit -F perm=q", "bad-permission"),
            ("-w etc/docker", "syntax"),
            ("-F uid=0", "syntax"),                                       // field before the list
            ("-k key", "syntax"),
            ("-a always,task -S open", "syntax"),
            ("-a possible,exit", "syntax"),
            ("-a always,nowhere", "syntax"),
            ("-e 3", "syntax"),
            ("-b lots", "syntax"),
            ("-l", "syntax"),
            ("-w /a -a always,exit", "syntax"),
            ("stray", "syntax"),
            ("-a always,exit -F arch=b64 -S open -F exit=-ENOSUCH", "syntax"),
            ("-a always,exit -F path=relative", "syntax"),
            ("-a always,exit -F uid>=root,x", "syntax"),
            ("-a always,exit -F arch=b64 -S open -k " + String(repeating: "k", count: 257), "key-too-long"),
        ]
        for (line, code) in cases {
            let found = try problem(line)
            #expect(found.code == code, "\(line): \(found)")
            #expect(found.location == RuleLocation(file: "t.rules", line: 2), "\(line)")
        }
    }

    @Test func tooManyFields() throws {
        let fields = (0..<64).map { "-F pid!=\($0)" }.joined(separator: " ")
        #expect(try problem("-a always,exit -F arch=b64 -S open " + fields).code == "too-many-fields")
    }

    @Test func badFiles() {
        let crlf = RuleFile(path: "w.rules", bytes: Array("-w /etc/docker -k docker\r\n".utf8))
        #expect(crlf.problems.map(\.code) == ["bad-file"])
        #expect(crlf.problems.first?.location.line == 1)
        let binary = RuleFile(path: "b.rules", bytes: [0x2D, 0x77, 0x0A, 0x00, 0xFF])
        #expect(binary.problems.map(\.code) == ["bad-file"] && binary.problems[0].location.line == 2)
        let utf8 = RuleFile(path: "u.rules", bytes: [0x2D, 0x77, 0x20, 0x2F, 0xC3, 0x0A])
        #expect(utf8.problems.map(\.code) == ["bad-file"])
        let noNewline = RuleFile(path: "n.rules", bytes: Array("-w /etc".utf8))
        #expect(!noNewline.endsWithNewline && noNewline.problems.isEmpty)
        let empty = RuleFile(path: "e.rules", bytes: [])
        #expect(empty.lines.isEmpty && empty.problems.isEmpty && empty.endsWithNewline)
    }

    @Test func commentsAndBlankLinesAreSkipped() {
        let file = parse("# comment\n\n   \n  # indented\n-w /etc/docker\n")
        #expect(file.problems.isEmpty && file.lines.count == 1 && file.lines[0].location.line == 5)
    }
}
