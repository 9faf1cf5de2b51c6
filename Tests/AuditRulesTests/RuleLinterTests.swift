import Testing
import AuditRules
import HostIO

/// Each lint check on a small rule set that triggers it, and only it.
struct RuleLinterTests {
    private func lint(_ text: String, exists: @escaping @Sendable (String) -> Bool = { _ in true },
                      directories: Set<String> = []) -> LintReport {
        let file = RuleFile(path: "t.rules", bytes: Array(text.utf8))
        let known = directories.union(Self.hostDirectories)
        return RuleLinter(pathExists: exists, isDirectory: { known.contains($0) }).lint([file])
    }

    /// The directories every host has, so watches below them are loadable.
    private static let hostDirectories: Set<String> = ["/", "/etc", "/usr", "/usr/bin", "/usr/sbin", "/var", "/var/lib", "/tmp"]

    private func codes(_ text: String, directories: Set<String> = []) -> [String] {
        lint(text, directories: directories).findings.map(\.code)
    }

    private let twin = "-a always,exit -F arch=b32 -S unshare -k ns\n"

    @Test func cleanSetHasNoFindings() {
        let report = lint("-a always,exit -F arch=b64 -S unshare -k ns\n" + twin + "-w /etc/docker -p wa -k docker\n")
        #expect(report.findings.isEmpty)
        #expect(report.costSummary == [.listedSyscalls: 2, .fileSyscalls: 1])
    }

    @Test func immutableMustBeLast() {
        #expect(codes("-e 2\n-w /etc/docker -k docker\n") == ["immutable-not-last", "after-immutable"])
        #expect(codes("-w /etc/docker -k docker\n-e 2\n").isEmpty)
    }

    @Test func archAndTwins() {
        #expect(codes("-a always,exit -S unshare -k ns\n") == ["no-arch"])
        #expect(codes("-a always,exit -F arch=b64 -S unshare -k ns\n") == ["no-b32-twin"])
        // A syscall that i386 does not have needs no twin.
        #expect(codes("-a always,exit -F arch=b64 -S openat2 -F exit=-EPERM -k x\n-a always,exit -F arch=b32 -S openat2 -F exit=-EPERM -k x\n").isEmpty)
    }

    @Test func duplicatesAreFoundAcrossSpellings() {
        let text = "-w /etc/docker/ -k docker\n-a always,exit -F path=/etc/docker -F perm=rwxa -F key=docker\n"
        #expect(codes(text) == ["duplicate"])
        let numbers = "-a always,exit -F arch=b64 -S open,openat -F exit=-EACCES -k a\n" + "-a always,exit -F arch=b32 -S open -F exit=-13 -k a\n"
            + "-a always,exit -F arch=b64 -S 257,2 -F exit=-13 -k a\n"
        #expect(codes(numbers).contains("duplicate"))
    }

    @Test func shadowingFirstMatchWins() {
        let text = "-a always,exit -F arch=b64 -S openat -k wide\n-a always,exit -F arch=b32 -S openat -k wide\n"
            + "-a always,exit -F arch=b64 -S openat -F auid>=1000 -k narrow\n-a always,exit -F arch=b32 -S openat -F auid>=1000 -k narrow\n"
        let found = lint(text).findings.filter { $0.code == "shadowed" }
        #expect(found.map(\.location.line) == [3, 4])
        // A recursive directory watch covers a file watch below it.
        #expect(codes("-w /etc/docker -p wa -k d\n-w /etc/docker/daemon.json -p w -k j\n", directories: ["/etc/docker"]) == ["shadowed"])
    }

    @Test func neverRulesBelongOnTop() {
        let text = "-a always,exit -F arch=b64 -S execve -k exec\n-a always,exit -F arch=b32 -S execve -k exec\n"
            + "-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/true\n-a never,exit -F arch=b32 -S execve -F exe=/usr/bin/true\n"
        #expect(lint(text).findings.filter { $0.code == "never-late" }.map(\.location.line) == [3, 4])
    }

    @Test func mergeableRules() {
        let text = "-a always,exit -F arch=b64 -S unshare -k ns\n-a always,exit -F arch=b64 -S setns -k ns\n"
            + "-a always,exit -F arch=b32 -S unshare,setns -k ns\n"
        let found = lint(text).findings.filter { $0.code == "mergeable" }
        #expect(found.map(\.location.line) == [1])
    }

    @Test func highVolumeWithoutNarrowing() {
        let text = "-a always,exit -F arch=b64 -S openat -k all-opens\n-a always,exit -F arch=b32 -S openat -k all-opens\n"
            + "-a always,exit -F arch=b64 -S openat -F exit=-EACCES -k denied\n-a always,exit -F arch=b32 -S openat -F exit=-EACCES -k denied\n"
        let report = lint(text)
        #expect(report.findings.filter { $0.code == "high-volume" }.map(\.location.line) == [1, 2])
        #expect(report.costs.filter(\.highVolume).count == 2)
        #expect(lint("-a always,exit -k everything\n").findings.map(\.code).contains("high-volume"))
        #expect(lint("-a always,exit -k everything\n").costSummary[.everySyscall] == 1)
    }

    @Test func missingWatchPathsUnderRoot() {
        let report = lint("-w /etc/docker -k d\n-w /etc/nope -k n\n", exists: { ["/etc", "/etc/docker"].contains($0) })
        #expect(report.findings.map(\.code) == ["missing-watch-path"])
        #expect(report.findings.first?.location.line == 2)
    }

    @Test func errorsAndMissingNewline() {
        let files = [RuleFile(path: "a.rules", bytes: Array("-w /x -p z\n".utf8)),
                     RuleFile(path: "b.rules", bytes: Array("-w /y".utf8))]
        let report = RuleLinter().lint(files)
        #expect(report.findings.map(\.code) == ["bad-permission", "no-final-newline"])
        #expect(report.errorCount == 1 && report.warningCount == 1)
        #expect(report.json().contains(#""code":"bad-permission""#))
        #expect(report.text().contains("a.rules:1: error[bad-permission]"))
    }

    @Test func terminalTextIsEscaped() {
        let report = RuleLinter().lint([RuleFile(path: "evil\u{1B}[31m.rules", bytes: Array("-w /x -p z\n".utf8))])
        #expect(!report.text().contains("\u{1B}"))
    }

    // MARK: - what the host decides (each measured against auditctl 3.0.9 and this kernel)

    @Test func aWatchNeedsItsParentDirectoryNotTheFile() {
        let report = lint("-w /etc/chrony/chrony.conf -k c\n-w /etc/hosts/x -k h\n-w /etc/new-file -k n\n",
                          exists: { ["/etc", "/etc/hosts"].contains($0) })
        #expect(report.findings.map(\.code) == ["missing-parent", "missing-parent", "missing-watch-path"])
        #expect(report.findings[0].message.contains("No such file or directory"))
        #expect(report.findings[1].message.contains("Not a directory"))
        #expect(report.findings[2].severity == .warning && report.findings[2].message.contains("once it is created"))
    }

    @Test func aDirRuleNeedsItsDirectoryAndAPathRuleItsParent() {
        let text = "-a never,exit -F arch=b64 -F dir=/var/lock/lvm -k lvm\n-a always,exit -F path=/opt/x/tool -F perm=x -k t\n"
        let report = lint(text, exists: { _ in false })
        #expect(report.findings.filter { $0.severity == .error }.map(\.code) == ["missing-directory", "missing-parent"])
    }

    @Test func unknownAccountsAreErrorsOnlyWhereTheAccountsAreKnown() {
        let file = RuleFile(path: "t.rules", bytes: Array("-a always,exit -F arch=b64 -S adjtimex -F uid=chrony -F auid!=root -F gid=wheel\n".utf8))
        let accounts = AccountNames(userID: { $0 == "root" ? 0 : nil }, groupID: { _ in nil })
        let errors = RuleLinter(accounts: accounts).lint([file]).findings.filter { $0.severity == .error }
        #expect(errors.map(\.message).map { $0.contains("Unknown user: chrony") || $0.contains("Unknown group: wheel") } == [true, true])
        #expect(RuleLinter().lint([file]).errorCount == 0)
    }

    @Test func permissionsOnASyscallRuleBecomeAPermField() throws {
        let lines = RuleFile(path: "t.rules", bytes: Array("-a always,exit -F path=/usr/bin/falcon-scout -p x -k f\n".utf8)).lines
        guard case .syscall(let rule)? = lines.first?.statement else { Issue.record("not a rule"); return }
        #expect(rule.fields.contains(RuleField(name: "perm", op: .equal, value: "x")))
        let early = RuleFile(path: "t.rules", bytes: Array("-a always,exit -p r -F path=/etc/hosts\n".utf8))
        #expect(early.problems.first?.message.contains("preceeded by other fields") == true)
    }

    @Test func neverRulesElsewhereAreNotLate() {
        let text = "-w /var/log/audit -p wa -k auditlog\n-a never,exit -F arch=b64 -F dir=/dev/shm -k shm\n"
            + "-a never,exit -F arch=b64 -S adjtimex -F auid=unset\n-a never,exit -F arch=b64 -F dir=/var/log/audit/old -k old\n"
        let late = lint(text, directories: ["/var/log/audit"]).findings.filter { $0.code == "never-late" }
        #expect(late.map(\.location.line) == [4])
    }

    @Test func aDuplicateIsAnErrorOnlyWhenTheKernelSeesTheSameFieldsInOrder() {
        let same = lint("-a always,exit -F arch=b64 -S openat -F uid=0 -F auid=1 -k k\n-a always,exit -F arch=b64 -S openat -F uid=0 -F auid=1 -k k\n")
        #expect(same.findings.filter { $0.code == "duplicate" }.map(\.severity) == [.error])
        let reordered = lint("-a always,exit -F arch=b64 -S openat -F uid=0 -F auid=1 -k k\n-a always,exit -F arch=b64 -S openat -F auid=1 -F uid=0 -k k\n")
        #expect(reordered.findings.filter { $0.code == "duplicate" }.map(\.severity) == [.warning])
    }

    /// Thousands of rules (a rules.d of one-rule files): the indexed lookups report the same
    /// first rule in load order that a pairwise walk finds.
    @Test func manyRulesKeepFirstMatchSemantics() {
        var text = "-w /var/lib/docker -p wa -k docker\n-w /etc/hosts -p wa -k hosts\n"
        for i in 0..<3000 { text += "-w /var/lib/docker/containers/c\(i) -p w -k c\(i)\n" }
        text += "-w /var/lib/docker/containers/c7 -p w -k c7\n-w /etc/hosts -p wa -k hosts\n"
        text += "-a always,exit -F arch=b64 -S setns -k ns\n-a always,exit -F arch=b64 -S unshare -k ns\n"
        let report = lint(text, directories: ["/var/lib/docker"])
        let shadowed = report.findings.filter { $0.code == "shadowed" }
        #expect(shadowed.count == 3001 && shadowed.allSatisfy { $0.message.contains("t.rules:1:") })
        let duplicate = report.findings.filter { $0.code == "duplicate" }
        #expect(duplicate.map(\.location.line) == [3004] && duplicate.first?.message.contains("t.rules:2:") == true)
        #expect(report.findings.filter { $0.code == "mergeable" }.map(\.location.line) == [3005])
    }
}
