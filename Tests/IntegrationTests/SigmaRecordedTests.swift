import Foundation
import Testing

/// Sigma rules written here, one a supported feature, matching and not matching the real
/// records of the scenario recording (scripts/record-attacks): `nc … -e /bin/sh` in a
/// container, `unshare -m true`, `useradd`, the container named atk-shadow, a connect to
/// the Docker bridge's gateway.
@Suite(.enabled(if: Environment.inCI || Environment.attacks != nil))
struct SigmaRecordedTests {
    /// id suffix, detection block, and whether it must match.
    private static let rules: [(Int, String, Bool)] = [
        (1, "sel:\n    type: EXECVE\n    a0: nc\n    a3: '-e'\n    a4|endswith: '/sh'\ncondition: sel", true),
        (2, "sel:\n    a0|startswith: 'zzz-never'\ncondition: sel", false),
        (3, "sel:\n    type: EXECVE\n    a0: unshare\n    a1|contains|all:\n        - '-'\n        - 'm'\ncondition: sel", true),
        (4, "sel:\n    type: SYSCALL\n    exe|re: '^/usr/(s)?bin/useradd$'\ncondition: sel", true),
        (5, "sel:\n    type: SOCKADDR\n    laddr|cidr: '172.16.0.0/12'\ncondition: sel", true),
        (6, "sel:\n    type: SOCKADDR\n    laddr|cidr: '192.168.0.0/16'\ncondition: sel", false),
        (7, "sel:\n    type: EXECVE\n    a0: nc\n    a3|windash: '/e'\ncondition: sel", true),
        (8, "keywords:\n    - 'atk-shadow'\ncondition: keywords", true),
        (9, "selection:\n    - a0: zzz-never\n    - a0: unshare\ncondition: selection", true),
        (10, "sel_a:\n    type: EXECVE\n    a0: unshare\nsel_b:\n    a1: '-m'\nfilter:\n    a2: 'false'\ncondition: all of sel_* and not filter", true),
        (11, "sel_a:\n    type: EXECVE\n    a0: unshare\nsel_b:\n    a1: '-m'\ncondition: sel_a and not sel_b", false),
        (12, "sel:\n    type: SYSCALL\n    exe: /usr/sbin/useradd\n    tty: null\ncondition: sel", false),
        (13, "sel_one:\n    a0: zzz-never\nsel_two:\n    a0: unshare\ncondition: 1 of sel_*", true),
        (14, "sel:\n    type: EXECVE\n    a0|base64offset|contains: 'unshare'\ncondition: sel", false),
        (15, "sel:\n    type: SYSCALL\n    SYSCALL: finit_module\n    comm: python3\ncondition: sel", true),
    ]

    private func yaml(_ number: Int, _ detection: String) -> String {
        """
        title: feature \(number)
        id: 00000000-0000-0000-0000-\(String(format: "%012d", number))
        status: test
        logsource:
            product: linux
            service: auditd
        detection:
        \(detection.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
        level: medium

        """
    }

    @Test func eachFeatureMatchesTheRecordsItShouldAndNoOthers() throws {
        let directory = try #require(Environment.attacks, "DOCKAUDIT_ATTACKS is not set (scripts/test records it)") + "/attacks"
        let rules = NSTemporaryDirectory() + "dockaudit-sigma-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: rules) }
        for (number, detection, _) in Self.rules {
            try yaml(number, detection).write(toFile: rules + "/feature-\(number).yml", atomically: true, encoding: .utf8)
        }
        let result = try run(Environment.binary, ["detect", "-if", directory, "--sigma", rules, "--format", "json", "--fail-on", "critical"])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        var counts: [String: Int] = [:]
        for line in result.lines where !line.isEmpty {
            let alert = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if let rule = alert["rule"] as? String, rule.hasPrefix("00000000-") { counts[rule, default: 0] += 1 }
        }
        for (number, _, shouldMatch) in Self.rules {
            let found = counts["00000000-0000-0000-0000-\(String(format: "%012d", number))"] ?? 0
            #expect((found > 0) == shouldMatch, "feature \(number): \(found) alerts")
        }
        print("sigma features on recorded records: \(counts.count) of \(Self.rules.filter(\.2).count) matching rules matched, \(Self.rules.filter { !$0.2 }.count) others matched nothing")
    }
}
