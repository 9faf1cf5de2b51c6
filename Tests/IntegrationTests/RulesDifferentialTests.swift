import AuditRules
import Foundation
import Testing

/// `rules merge` against the real augenrules, file order against the real `ls -v`, and
/// lint's errors against what the real auditctl refuses. augenrules only works on
/// /etc/audit, so each rules.d set is bind-mounted over it in a private mount namespace.
@Suite(.serialized, .enabled(if: Environment.inCI || (Environment.isRoot && Environment.hasAugenrules)))
struct RulesDifferentialTests {
    /// Lines a rules.d set is made of: rules, comments (some indented, which Debian's mawk
    /// keeps), blank and space-only lines, every control that augenrules moves.
    static let pool = [
        "-D", "-D -k old", "-b 8192", "-b 320", "  -b 16", "-f 1", "-f 2", "--backlog_wait_time 60000",
        "-e 1", "-e 0", " -e 1", "# comment", "  # indented comment", "\t# tab comment", "", "   ",
        "-w /etc/docker -p wa -k docker", "-w /var/lib/docker -k docker",
        "-a always,exit -F arch=b64 -S unshare,setns -k container", "-a exit,always -F arch=b32 -S clone -F a0&0x7e020000",
        "-a never,exit -F arch=b64 -S all -F exe=/usr/bin/true", "-w /usr/bin/runc -p x  -k runc",
        "s#x", "-Ds", "-D ", "-bogus line kept as is", "-a always,exclude -F msgtype=CWD",
    ]
    static let names = ["10-base-config.rules", "99-finalize.rules", "2-docker.rules", "30-stig.rules",
                        "010-zero.rules", "a.rules", "A.rules", "docker.rules", "readme.txt", "20-x.rules.bak",
                        "1.10.rules", "1.9.rules", "v1~rc1.rules", "v1.rules"]

    /// A deterministic generator, so a failing set can be reproduced.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11 ^ state
        }
    }

    @Test func mergeMatchesAugenrules() throws {
        try #require(Environment.isRoot, "needs root for unshare and mount")
        let kernel = KernelLock()   // another test replaces /etc/audit for a while
        defer { kernel.release() }
        let base = NSTemporaryDirectory() + "dockaudit-augenrules-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: base) }
        var random = Generator(state: 42)
        let sets = 60
        var script = "set -e\n"
        for set in 0..<sets {
            let dir = "\(base)/\(set)"
            try FileManager.default.createDirectory(atPath: dir + "/rules.d", withIntermediateDirectories: true)
            for name in Self.names.shuffled(using: &random).prefix(Int.random(in: 0...5, using: &random)) {
                let lines = (0..<Int.random(in: 0...12, using: &random)).map { _ in Self.pool.randomElement(using: &random)! }
                try Data((lines.map { $0 + "\n" }.joined()).utf8).write(to: URL(fileURLWithPath: "\(dir)/rules.d/\(name)"))
            }
            if set % 3 == 0 { try Data("stale\n".utf8).write(to: URL(fileURLWithPath: dir + "/audit.rules")) }
            script += """
                mount --bind \(dir) /etc/audit
                /usr/sbin/augenrules > \(dir)/augenrules.out 2>&1 || true
                cp /etc/audit/audit.rules \(dir)/augenrules.rules
                '\(Environment.binary)' rules merge > \(dir)/dockaudit.rules
                /usr/sbin/augenrules --check > \(dir)/augenrules.check 2>&1 || true
                '\(Environment.binary)' rules merge --check > \(dir)/dockaudit.check 2>&1 || echo "status $?" >> \(dir)/dockaudit.check
                echo '-w /tmp -k changed' >> /etc/audit/rules.d/zz-changed.rules
                /usr/sbin/augenrules --check > \(dir)/augenrules.check2 2>&1 || true
                '\(Environment.binary)' rules merge --check > \(dir)/dockaudit.check2 2>&1 || echo "status $?" >> \(dir)/dockaudit.check2
                umount /etc/audit

                """
        }
        let result = try run("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/sh", "-c", script])
        try #require(result.status == 0, "\(result.stderr)")
        var identical = 0
        for set in 0..<sets {
            let dir = "\(base)/\(set)"
            let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/augenrules.rules"))
            let merged = try Data(contentsOf: URL(fileURLWithPath: dir + "/dockaudit.rules"))
            if expected == merged { identical += 1 } else {
                Issue.record("set \(set) differs:\n\(String(decoding: expected, as: UTF8.self))---\n\(String(decoding: merged, as: UTF8.self))")
            }
            let check = try String(contentsOfFile: dir + "/augenrules.check", encoding: .utf8)
            let ours = try String(contentsOfFile: dir + "/dockaudit.check", encoding: .utf8)
            #expect(check.hasSuffix("No change\n") && ours == "dockaudit rules merge: No change\n", "set \(set): \(check) / \(ours)")
            let changed = try String(contentsOfFile: dir + "/augenrules.check2", encoding: .utf8)
            let oursChanged = try String(contentsOfFile: dir + "/dockaudit.check2", encoding: .utf8)
            #expect(changed.hasSuffix("Rules have changed and should be updated\n"))
            #expect(oursChanged == "dockaudit rules merge: Rules have changed and should be updated\nstatus 1\n")
        }
        print("augenrules parity: \(identical) of \(sets) rules.d sets byte-identical")
        #expect(identical == sets)
    }

    @Test func fileOrderMatchesLsV() throws {
        let dir = NSTemporaryDirectory() + "dockaudit-lsv-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var random = Generator(state: 7)
        let parts = ["0", "1", "2", "9", "10", "010", "99", "100", "a", "B", "b", "-", "_", ".", "~", "x1", "rc", "v"]
        var names: Set<String> = Set(Self.names)
        while names.count < 400 {
            names.insert((0..<Int.random(in: 1...4, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined() + ".rules")
        }
        for name in names where !name.hasPrefix(".") {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: nil)
        }
        let listed = try run("/bin/ls", ["-1v", dir]).lines.filter { $0.hasSuffix(".rules") }.map(String.init)
        let ours = try run(Environment.binary, ["rules", "merge", "--dir", dir]).status
        #expect(ours == 0)
        let sorted = names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".rules") }
            .sorted(by: VersionOrder.areInIncreasingOrder)
        #expect(sorted == listed)
    }

    /// Lines auditctl accepts and lines it refuses: lint must give an error exactly for the latter.
    static let acceptance: [String] = [
        "-w /etc/passwd -p wa -k ok1", "-w /etc/ -p r", "-w /tmp/dockaudit\\ space -p wa",
        "-a always,exit -F arch=b64 -S openat -F exit=-EACCES -F auid>=1000 -F auid!=unset -k ok2",
        "-a exit,always -F arch=b32 -S 120 -F uid=root -k ok3", "-a always,exit -F arch=b64 -S clone -F a0&0x7e020000 -k ok4",
        "-a always,exit -F arch=b64 -S unlink -F filetype=file -F a1&=3 -k ok5", "-a always,exclude -F msgtype=CWD",
        "-a never,exit -F arch=b64 -S all -F exe=/usr/bin/true", "-A always,exit -F arch=b64 -S setns -C uid!=euid -k ok6",
        "-a always,user -F uid=0", "-a always,exit -F path=/etc/shadow -F perm=r -k ok7",
        "-a always,exit -S open -F arch=b64", "-a always,exit -F arch=b64 -S nosuchcall", "-a always,exit -F arch=b32 -S 9999",
        "-a always,exit -F nosuchfield=1", "-w /etc/passwd -p rwz", "-a always,exit -F perm=q", "-w etc/passwd",
        "-F uid=0", "-k lonely", "-a always,task -S open", "-a possible,exit", "-a always,nowhere", "-e 3", "-b lots",
        "-w /etc/passwd -a always,exit", "stray", "-a always,exit -F arch=b64 -S open -F exit=-ENOSUCH",
        "-a always,exit -F path=relative", "-a always,exit -F arch=b64 -S open -k " + String(repeating: "k", count: 257),
        "-a always,exit -F arch=b64 -S open " + (0..<64).map { "-F pid!=\($0)" }.joined(separator: " "),
        "-a always,exit -F arch=b64 -S openat -F dir=/etc -F perm=wa -k ok8", "-a always,exit -F arch=b64 -S execve -F ppid>1 -k ok9",
    ]

    @Test func lintErrorsMatchAuditctlRefusals() throws {
        try #require(Environment.isRoot, "needs root for auditctl")
        let kernel = KernelLock()
        defer { kernel.release() }
        let dir = NSTemporaryDirectory() + "dockaudit-acceptance-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: "/tmp/dockaudit space", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: "/tmp/dockaudit space")
        }
        var agree = 0
        for (index, line) in Self.acceptance.enumerated() {
            let file = "\(dir)/\(index).rules"
            try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: file))
            let loaded = try run("/sbin/auditctl", ["-R", file])
            if loaded.status == 0 {   // take it out again
                let removal = line.replacingOccurrences(of: "-w ", with: "-W ").replacingOccurrences(of: "-a ", with: "-d ")
                    .replacingOccurrences(of: "-A ", with: "-d ")
                try Data((removal + "\n").utf8).write(to: URL(fileURLWithPath: file + ".undo"))
                let removed = try run("/sbin/auditctl", ["-R", file + ".undo"])
                #expect(removed.status == 0, "could not remove \(line): \(removed.stderr)")
            }
            let lint = try run(Environment.binary, ["rules", "lint", file])
            let lintRefuses = lint.status == 1
            if lintRefuses == (loaded.status != 0) { agree += 1 } else {
                Issue.record("\(line): auditctl status \(loaded.status) (\(loaded.stderr)), lint: \(String(decoding: lint.stdout, as: UTF8.self))")
            }
        }
        print("lint/auditctl agreement: \(agree) of \(Self.acceptance.count) lines")
        #expect(agree == Self.acceptance.count)
        let left = try run("/sbin/auditctl", ["-l"])
        #expect(!String(decoding: left.stdout, as: UTF8.self).contains("ok"), "rules left loaded")
    }

    /// Whole rule sets in the styles people deploy, loaded one line at a time into the kernel
    /// on top of the lines before (as `auditctl -c -R` would): the lines lint calls errors
    /// must be exactly the lines auditctl or the kernel refuse, on this host.
    @Test(arguments: RealWorldRuleSets.all.keys.sorted())
    func lintErrorsMatchTheKernelOnWholeRuleSets(name: String) throws {
        let rules = try #require(RealWorldRuleSets.all[name])
        try #require(Environment.isRoot, "needs root for auditctl")
        let kernel = KernelLock()
        defer {
            _ = try? run("/sbin/auditctl", ["-D"])
            kernel.release()
        }
        let dir = NSTemporaryDirectory() + "dockaudit-ruleset-\(name)-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = "\(dir)/\(name).rules"
        try Data((rules + "\n").utf8).write(to: URL(fileURLWithPath: file))
        _ = try run("/sbin/auditctl", ["-D"])
        var refused: Set<Int> = []
        for (index, line) in rules.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            let single = "\(dir)/line-\(index + 1).rules"
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: single))
            if try run("/sbin/auditctl", ["-R", single]).status != 0 { refused.insert(index + 1) }
        }
        let lint = try run(Environment.binary, ["rules", "lint", "--format", "json", file])
        let report = try JSONSerialization.jsonObject(with: Data(lint.stdout)) as? [String: Any]
        let findings = report?["findings"] as? [[String: Any]] ?? []
        let errors = Set(findings.filter { $0["severity"] as? String == "error" }.compactMap { $0["line"] as? Int })
        let ruleLines = rules.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }.count
        let agreeing = ruleLines - refused.symmetricDifference(errors).count
        print("\(name): lint/kernel agreement \(agreeing) of \(ruleLines) lines; refused \(refused.sorted()), lint errors \(errors.sorted())")
        #expect(!refused.isEmpty, "a rule set meant to hold host-dependent refusals loaded whole")
        #expect(errors == refused, "lint errors \(errors.sorted()) vs refused \(refused.sorted()): \(String(decoding: lint.stdout, as: UTF8.self))")
    }
}
