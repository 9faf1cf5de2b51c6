import AuditLog
import Testing
import AuditReport

/// aureport's layout on events shaped as the kernel writes them (the recorded logs are
/// compared with the real aureport in the integration tests).
@Suite struct AureportTallyTests {
    private func reportEvents() throws -> [ReportEvent] {
        try events(openEvent(serial: 1, name: "/etc/shadow") + openEvent(serial: 2, name: "../x", success: false)).map { ReportEvent($0) }
    }

    @Test func detailedLinesAsAureportWritesThem() throws {
        let tally = AureportTally(kind: .keys)
        let text = AureportText(interpret: false)
        let lines = try reportEvents().compactMap { tally.row(for: $0) }.enumerated().map { text.line($1, number: $0 + 1) }
        #expect(lines == ["1. 11/27/26 16:34:24 shadow yes /usr/bin/cat 1001 1\n", "2. 11/27/26 16:34:24 shadow no /usr/bin/cat 1001 2\n"])
        #expect(text.heading(.keys, summary: false, outcome: .any)
                == "\nKey Report\n===============================================\n# date time key success exe auid event\n===============================================\n")
    }

    @Test func relativeNamesJoinTheCwdAndFailuresFilter() throws {
        var tally = AureportTally(kind: .files, outcome: .failed)
        for event in try reportEvents() where tally.outcomeMatches(event) { tally.tally(event) }
        #expect(AureportText(interpret: false).totals(tally) == "1  /home/alice/../x\n")
    }

    @Test func summaryCountersAndTheirJSONNames() throws {
        var tally = AureportTally(kind: .summary)
        for event in try reportEvents() {
            tally.observe(event.id)
            tally.tally(event)
        }
        #expect(tally.counters.events == 2 && tally.counters.failedSyscalls == 1 && tally.counters.keys == 1)
        let json = ReportJSON.summary(tally.counters)
        #expect(json.hasPrefix("{\"changes_in_configuration\":0,\"changes_to_accounts_groups_or_roles\":0,"))
        #expect(json.contains("\"failed_syscalls\":1") && json.hasSuffix("\"events\":2}\n"))
    }

    /// A rule the kernel refused: CONFIG_CHANGE res=0 is logged before a SYSCALL whose
    /// sendto succeeded. aureport counts the event's outcome from the SYSCALL record.
    @Test func aRefusedRuleLoadIsNotAFailedSyscall() throws {
        let stamp = "msg=audit(1795797264.494:7)"
        let refused = try events([
            "type=CONFIG_CHANGE \(stamp): auid=0 ses=4 op=add_rule key=\"x\" list=4 res=0",
            "type=SYSCALL \(stamp): arch=c000003e syscall=44 success=yes exit=1084 a0=3 a1=7ffd a2=43c a3=0 items=0 ppid=1 pid=9 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=4 comm=\"auditctl\" exe=\"/usr/sbin/auditctl\" key=(null)",
            "type=PROCTITLE \(stamp): proctitle=617564697463746C",
        ]).map { ReportEvent($0) }
        var tally = AureportTally(kind: .summary)
        for event in refused { tally.observe(event.id); tally.tally(event) }
        #expect(refused.first?.facts.success == true)
        #expect(tally.counters.failedSyscalls == 0)
    }

    @Test func interpretedUsersAndSyscalls() throws {
        let text = AureportText(interpret: true, userName: { [1001: "alice"][$0] })
        #expect(text.text(.user(1001)) == "alice")
        #expect(text.text(.user(-1)) == "unset")
        #expect(text.text(.user(4242)) == "unknown(4242)")
        #expect(text.text(.syscall(257, arch: 0xC000_003E)) == "openat")
        #expect(AureportText(interpret: false).text(.syscall(nil, arch: nil)) == "0")
        #expect(AureportText(interpret: false).text(.success(nil)) == "unset", "a lone PROCTITLE record, as a log that starts mid-event has")
    }

    /// The parallel scan tallies batches apart and merges them in order: the merged report
    /// is the one a single pass writes, for every summary.
    @Test func batchTalliesMergeIntoTheSinglePassReport() throws {
        let lines = (1...6).flatMap { openEvent(serial: $0, name: $0 % 2 == 0 ? "/etc/shadow" : "/tmp/f\($0 % 3)", success: $0 != 4) }
        let all = try events(lines)
        for kind in [ReportKind.summary, .files, .keys, .syscalls, .pids, .executables] {
            var single = AureportTally(kind: kind)
            var first = AureportTally(kind: kind), second = AureportTally(kind: kind)
            let needs = single.needs(perEvent: false)
            for (index, event) in all.enumerated() {
                single.observe(event.id)
                single.tally(ReportEvent(event, needs: needs))
                if index < 2 { first.observe(event.id); first.tally(ReportEvent(event, needs: needs)) }
                else { second.observe(event.id); second.tally(ReportEvent(event, needs: needs)) }
            }
            first.merge(second)
            let text = AureportText(interpret: false)
            #expect(text.totals(first) == text.totals(single), "\(kind)")
            #expect(first.counters == single.counters && first.first == single.first && first.last == single.last)
        }
    }

    /// A summary that reads fewer facts counts the same as one that reads them all.
    @Test func narrowedFactsCountTheSame() throws {
        let all = try events(openEvent(serial: 1, name: "/etc/shadow") + openEvent(serial: 2, name: "./x", success: false))
        for kind in [ReportKind.keys, .files] {
            var narrow = AureportTally(kind: kind), full = AureportTally(kind: kind)
            for event in all {
                narrow.tally(ReportEvent(event, needs: narrow.needs(perEvent: false)))
                full.tally(ReportEvent(event))
            }
            let text = AureportText(interpret: false)
            #expect(text.totals(narrow) == text.totals(full) && !text.totals(full).isEmpty, "\(kind)")
        }
    }
}
