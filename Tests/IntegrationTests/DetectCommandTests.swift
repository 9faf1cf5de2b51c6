import Foundation
import Testing

/// `detect` on the logs recorded from this kernel: the attacks scripts/record-logs and
/// scripts/record-containers perform for real (a mount in a container with SYS_ADMIN, a
/// ptrace attach, a module load the kernel refuses, an account added, the Docker socket
/// mounted into a container by bob over ssh and sudo) must be found on the right event,
/// naming the right container and user, and the runtime's own mounts must not be.
@Suite(.enabled(if: Environment.inCI || (Environment.recordedLogs != nil && Environment.containerLog != nil)))
struct DetectCommandTests {
    private func alerts(_ dir: String, _ extra: [String] = []) throws -> (status: Int32, alerts: [[String: Any]]) {
        let result = try run(Environment.binary, ["detect", "-if", dir, "--format", "json"] + extra)
        let alerts = try result.lines.filter { !$0.isEmpty }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        return (result.status, alerts)
    }

    private func user(_ alert: [String: Any]) -> String? { (alert["actor"] as? [String: Any])?["user"] as? String }

    @Test func theRecordedAttacksAreFoundWithTheirContainerAndUser() throws {
        let recorded = try #require(Environment.recordedLogs, "DOCKAUDIT_RECORDED is not set (scripts/test records it)")
        let (status, found) = try alerts(recorded + "/enriched")
        #expect(status == 1, "high alerts fail the run by default")
        let ids = found.compactMap { $0["rule"] as? String }
        let mounts = found.filter { $0["rule"] as? String == "container-mount" }
        #expect(mounts.count == 1, "one mount in a container, none of the runtime's own: \(ids)")
        #expect((mounts.first?["container"] as? [String: Any])?["image"] as? String == "dockaudit-busybox")
        #expect(mounts.first.map(user) == "alice")
        for rule in ["ptrace-attach", "kernel-module-load"] {
            let alert = found.first { $0["rule"] as? String == rule }
            #expect(alert.map(user) == "alice", "\(rule): \(ids)")
            #expect(alert?["container"] is NSNull)
        }
        #expect(ids.contains("account-created") && ids.contains("audit-tampering"))
        #expect(!ids.contains("container-namespace-escape"), "runc's unshare is the launch: \(ids)")
        print("detect on the recorded log: \(ids.count) alerts: \(Dictionary(grouping: ids, by: { $0 }).mapValues(\.count))")
        #expect(try alerts(recorded + "/enriched", ["--fail-on", "critical"]).status == 0)
    }

    /// The SigmaHQ auditd rules (../shared, which CI has): all load, and the ones the recorded
    /// workload triggers fire on its events — the useradd, alice's `setarch -R` (ASLR off).
    @Test func theSigmaCorpusOnTheRecordedLog() throws {
        let corpus = Environment.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/sigma-auditd").path
        guard FileManager.default.fileExists(atPath: corpus) else {
            #expect(!Environment.inCI, "CI has ../shared")
            return
        }
        let recorded = try #require(Environment.recordedLogs, "DOCKAUDIT_RECORDED is not set (scripts/test records it)")
        let result = try run(Environment.binary, ["detect", "-if", recorded + "/enriched", "--sigma", corpus, "--format", "json"])
        #expect(!result.stderr.contains("unsupported") && !result.stderr.contains(".yml:"), "\(result.stderr)")
        let found = try result.lines.filter { !$0.isEmpty }.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let useradd = found.first { $0["rule"] as? String == "759d0d51-bc99-4b5e-9add-8f5b2c8e7512" }
        #expect((useradd?["process"] as? [String: Any])?["exe"] as? String == "/usr/sbin/useradd")
        #expect(useradd?["title"] as? String == "Creation Of An User Account" && useradd?["severity"] as? String == "medium")
        let aslr = found.first { $0["rule"] as? String == "e497a24e-9345-4a62-9803-b06d7d7cb132" }
        #expect(aslr.map(user) == "alice", "setarch -R by alice")
        let counts = Dictionary(grouping: found.compactMap { $0["title"] as? String }, by: { $0 }).mapValues(\.count)
        print("detect --sigma on the recorded log: \(found.count) alerts, \(counts.count) rules: \(counts)")
    }

    @Test func theDockerSocketMountNamesItsContainerAndBob() throws {
        let dir = try #require(Environment.containerLog, "DOCKAUDIT_CONTAINERS is not set (scripts/test records it)")
        let (_, found) = try alerts(dir, ["--only", "docker-socket-mount"])
        #expect(found.count == 1)
        #expect((found.first?["container"] as? [String: Any])?["name"] as? String == "dockaudit-c4")
        #expect(found.first.map(user) == "bob")
        let piped = try run(Environment.binary, ["detect", "-if", "-", "--format", "json", "--only", "docker-socket-mount"],
                            stdin: Data(contentsOf: URL(fileURLWithPath: try joinedLog(dir))))
        #expect(piped.lines.filter { !$0.isEmpty }.count == 1, "standard input reads the same")
        // SARIF for CI systems: one result per alert, every detection a rule.
        let sarif = try run(Environment.binary, ["detect", "-if", dir, "--format", "sarif"])
        let document = try #require(try JSONSerialization.jsonObject(with: sarif.stdout) as? [String: Any])
        let runs = try #require(document["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.count == (try alerts(dir)).alerts.count)
        #expect(results.contains { $0["ruleId"] as? String == "docker-socket-mount" && $0["level"] as? String == "error" })
    }
}
