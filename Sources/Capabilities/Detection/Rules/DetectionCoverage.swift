import AuditRules
import HostCheck

/// Whether the loaded audit rules record what each detection reads: a detection whose
/// records no rule produces cannot fire, and says so with the rule to add.
public enum DetectionCoverage {
    public enum Status: String, Sendable {
        /// Every rule it needs is there.
        case covered
        /// A rule is there but narrowed by fields (`-F auid>=1000`…): some processes are not recorded.
        case partly
        /// A rule it needs is missing.
        case blind
    }

    public struct Row: Sendable {
        public var detection: Detection
        public var status: Status
        /// The needed rules that are missing (or only narrowed), as auditctl lines.
        public var missing: [String]
    }

    /// Judges every detection against `rules` (the loaded rules, or a rules.d's); `immutable`
    /// says whether the rules end in `-e 2` (the kernel's `enabled 2`, or the files' control).
    public static func judge(_ detections: [Detection], rules: [RuleLine], immutable: Bool) -> [Row] {
        let parser = RuleParser()
        return detections.map { detection in
            var status = Status.covered
            var missing: [String] = []
            for need in detection.needs {
                let verdict: Status
                if need.hasPrefix("-e 2") {
                    verdict = immutable ? .covered : .blind
                } else if let statement = RuleFile(path: "needs", bytes: Array((need + "\n").utf8), parser: parser).lines.first?.statement {
                    verdict = Self.verdict(for: statement, in: rules)
                } else {
                    verdict = .blind
                }
                if verdict != .covered { missing.append(need) }
                if verdict == .blind || (verdict == .partly && status == .covered) { status = verdict }
            }
            return Row(detection: detection, status: status, missing: missing)
        }
    }

    private static func verdict(for need: RuleStatement, in rules: [RuleLine]) -> Status {
        switch need {
        case .watch(let watch):
            let wanted = watch.permissions ?? .all
            let covering = rules.contains { line in
                guard case .watch(let loaded) = line.statement, !loaded.removes else { return false }
                let inside = watch.path == loaded.path || watch.path.hasPrefix(loaded.path.hasSuffix("/") ? loaded.path : loaded.path + "/")
                return inside && (loaded.permissions ?? .all).isSuperset(of: wanted)
            }
            return covering ? .covered : .blind
        case .syscall(let rule):
            var worst = Status.covered
            for call in rule.syscalls {
                var found = Status.blind
                for line in rules {
                    guard case .syscall(let loaded) = line.statement, loaded.list == .exit, loaded.action == .always,
                          loaded.arch == nil || loaded.arch == rule.arch || loaded.arch == "b64" && rule.arch == "x86_64",
                          loaded.syscalls.isEmpty || loaded.syscalls.contains("all") || loaded.syscalls.contains(call) else { continue }
                    // Fields the need has itself (a2&0x40: an openat that creates) narrow nothing it wants.
                    let narrowed = loaded.fields.contains { field in
                        field.name != "arch" && field.name != "key" && !rule.fields.contains(field)
                    }
                    found = narrowed ? (found == .blind ? .partly : found) : .covered
                    if found == .covered { break }
                }
                if found == .blind { return .blind }
                if found == .partly { worst = .partly }
            }
            return worst
        case .control:
            return .covered
        }
    }
}

extension DetectionCoverage {
    /// `check`'s `detect-coverage`: a warning naming the built-in detections the loaded rules
    /// leave blind, with the rules to add (`rules generate --profile detect` prints them all).
    public static func check(_ snapshot: HostSnapshot) -> [CheckResult] {
        let title = "the loaded rules record what every built-in detection needs"
        guard let rules = snapshot.loadedRules.value else {
            return [CheckResult(id: "detect-coverage", title: title, category: .rules, status: .skip, evidence: [snapshot.loadedRules.reason])]
        }
        let rows = judge(BuiltInDetections.all, rules: rules, immutable: snapshot.status.value?.isImmutable ?? false)
        let blind = rows.filter { $0.status == .blind }
        let partly = rows.filter { $0.status == .partly }
        var evidence = ["\(rows.count - blind.count - partly.count) of \(rows.count) covered, \(partly.count) partly, \(blind.count) blind"]
        evidence += blind.map { "blind: \($0.detection.id) (add \($0.missing.joined(separator: "; ")))" }
        evidence += partly.map { "partly: \($0.detection.id) (narrowed: \($0.missing.joined(separator: "; ")))" }
        return [CheckResult(id: "detect-coverage", title: title, category: .rules, status: blind.isEmpty ? .pass : .warn, evidence: evidence,
                            remediation: blind.isEmpty ? nil : "dockaudit rules generate --profile detect > /etc/audit/rules.d/60-dockaudit-detect.rules, then dockaudit rules load (dockaudit detect --coverage lists them)")]
    }
}
