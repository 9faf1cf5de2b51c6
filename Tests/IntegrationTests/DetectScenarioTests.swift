import Foundation
import Testing

/// detect's scenario suite (scripts/record-attacks): every built-in detection's attack done
/// for real by alice or bob over ssh, under the detect rule profile, and a benign workload
/// across a log rotation. Each attack must be found on its event, naming its container and
/// user; the benign workload must raise nothing of medium or above. Prints recall and
/// precision per detection (docs/detect.md records them).
@Suite(.enabled(if: Environment.inCI || Environment.attacks != nil))
struct DetectScenarioTests {
    private typealias Alert = [String: Any]

    private struct Scenario {
        var detection: String
        var container: String?
        var user: String
        var marker: String
    }

    private func scenarios(_ directory: String) throws -> [Scenario] {
        try String(contentsOfFile: directory + "/truth.tsv", encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Scenario(detection: parts[0], container: parts[1] == "-" ? nil : parts[1], user: parts[2], marker: parts[3])
        }
    }

    /// detect's alerts on the directory's log, up to the end of its workload (the recording's teardown follows).
    private func alerts(_ directory: String) throws -> [Alert] {
        let end = try String(contentsOfFile: directory + "/workload-end", encoding: .utf8).split(separator: " ").map {
            String($0).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let result = try run(Environment.binary, ["detect", "-if", directory, "--format", "json", "--fail-on", "critical", "-te"] + end)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        return try result.lines.filter { !$0.isEmpty }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? Alert, "\(line)")
        }
    }

    private func rule(_ alert: Alert) -> String { alert["rule"] as? String ?? "" }
    private func user(_ alert: Alert) -> String? { (alert["actor"] as? Alert)?["user"] as? String }
    private func container(_ alert: Alert) -> String? { (alert["container"] as? Alert)?["name"] as? String }
    private func text(_ alert: Alert) -> String {
        let process = alert["process"] as? Alert
        return [alert["summary"] as? String, process?["exe"] as? String, (process?["argv"] as? [String])?.joined(separator: " ")]
            .compactMap { $0 }.joined(separator: " ")
    }

    private func finds(_ scenario: Scenario, _ alert: Alert) -> Bool {
        rule(alert) == scenario.detection && container(alert) == scenario.container && user(alert) == scenario.user
            && text(alert).contains(scenario.marker)
    }

    @Test func everyAttackIsFoundOnItsEventWithItsContainerAndUser() throws {
        let directory = try #require(Environment.attacks, "DOCKAUDIT_ATTACKS is not set (scripts/test records it)") + "/attacks"
        let expected = try scenarios(directory)
        let raised = try alerts(directory)
        #expect(expected.count >= 16)
        var lines: [String] = []
        for scenario in expected {
            let found = raised.filter { finds(scenario, $0) }
            #expect(!found.isEmpty, "\(scenario.detection) (\(scenario.container ?? "host"), \(scenario.user)) not found: \(raised.map(rule))")
            // Precision: the detection's alerts in the scenario log that are on the attacks
            // (their containers, or their users' actions), against all of its alerts there.
            let ofDetection = raised.filter { rule($0) == scenario.detection }
            let onAttacks = ofDetection.filter { alert in
                (container(alert)?.hasPrefix("atk-") ?? false) || ["alice", "bob"].contains(user(alert) ?? "") || text(alert).contains(scenario.marker)
            }
            lines.append("\(scenario.detection): recall \(found.isEmpty ? 0 : 1)/1, precision \(onAttacks.count)/\(ofDetection.count)")
        }
        let unexpected = raised.filter { alert in !expected.contains { $0.detection == rule(alert) } }
        print("detect scenarios: \(expected.count) attacks, \(raised.count) alerts, \(unexpected.count) of detections no attack was for\n" + lines.joined(separator: "\n"))
        let offAttacks = unexpected.filter { alert in
            let inAttackContainer = container(alert)?.hasPrefix("atk-") ?? false
            return !inAttackContainer && !["alice", "bob"].contains(user(alert) ?? "")
        }
        #expect(offAttacks.isEmpty, "\(offAttacks.map { "\(rule($0)): \(text($0))" })")
    }

    @Test func aBenignWorkloadAcrossARotationRaisesNothingOfMediumOrAbove() throws {
        let directory = try #require(Environment.attacks) + "/benign"
        let logs = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("audit.log") }
        #expect(logs.count >= 2, "the workload crossed a rotation")
        let raised = try alerts(directory)
        let serious = raised.filter { ["medium", "high", "critical"].contains($0["severity"] as? String ?? "") }
        print("detect benign workload: \(raised.count) alerts, \(serious.count) of medium or above")
        #expect(serious.isEmpty, "\(serious.map { "\(rule($0)): \(text($0))" })")
    }
}
