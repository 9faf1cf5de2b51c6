import AuditRules
import HostIO

/// CIS Docker Benchmark 1.6.0 items 1.1.3–1.1.18 and the Docker socket, decided by
/// structure: a rule covers a target when it watches that path, or a directory above it,
/// for changes (write and attribute), with no field that narrows it to some processes.
/// Loaded rules and rules.d are judged alike, and the evidence says which of the two holds.
enum CISChecks {
    static let needed: WatchPermissions = [.write, .attribute]

    /// Whether a check id is one that audit rules make pass (`cis-1.1.3`… and the socket).
    static func isRuleCoverage(_ id: String) -> Bool {
        id == "docker-sock-audited" || (id.hasPrefix("cis-1.1.") && Int(id.dropFirst("cis-1.1.".count)).map { $0 >= 3 } == true)
    }

    static func run(_ snapshot: HostSnapshot) -> [CheckResult] {
        let accounts: AccountNames = snapshot.root == "/" ? .host : .none
        let disk = snapshot.parsedRules().flatMap(\.lines).compactMap { line in
            line.statement.shape(native: snapshot.native, accounts: accounts).map { (line, $0) }
        }
        let loaded = snapshot.loadedRules.value?.compactMap { line in
            line.statement.shape(native: snapshot.native, accounts: accounts).map { (line, $0) }
        }
        let items = CISDockerItem.items(on: snapshot.docker)
        let results = items.map { item in
            let skipped = { (evidence: [String], remediation: String?) in
                result(item, status: .skip, evidence: evidence, remediation: remediation)
            }
            if snapshot.rulesDirectoryDenied, !item.targets.isEmpty, case .failure(let error) = snapshot.rulesDirectory {
                return skipped(["\(error)", snapshot.loadedRules.reason], nil)
            }
            if item.id == "1.1.5", let problem = snapshot.docker.daemonConfigProblem {
                return skipped([problem], "fix /etc/docker/daemon.json, then run dockaudit check again")
            }
            if let link = item.linkLoop ?? item.targets.lazy.compactMap({ snapshot.linkLoops[$0] }).first {
                return skipped(["\(link): a loop of symbolic links; where the file is cannot be known"],
                               "replace the link \(link), then run dockaudit check again")
            }
            return check(item, disk: disk, loaded: loaded, loadedReason: snapshot.loadedRules.reason, resolved: snapshot.resolved)
        }
        return results.filter { $0.cis != nil } + results.filter { $0.cis == nil }
    }

    private static func result(_ item: CISDockerItem, status: CheckStatus, evidence: [String],
                               remediation: String? = nil) -> CheckResult {
        item.isBenchmarkItem
            ? CheckResult(id: "cis-\(item.id)", cis: item.id, title: "auditing is configured for \(item.title)",
                          category: .cis, status: status, evidence: evidence, remediation: remediation)
            : CheckResult(id: "\(item.id)-audited", title: "\(item.title) is audited", category: .rules, status: status,
                          evidence: evidence, remediation: remediation)
    }

    private static func check(_ item: CISDockerItem, disk: [(RuleLine, RuleShape)], loaded: [(RuleLine, RuleShape)]?,
                              loadedReason: String, resolved: (String) -> String?) -> CheckResult {
        guard !item.targets.isEmpty else {
            return result(item, status: .na, evidence: [item.id == "1.1.7" || item.id == "1.1.9" ? "no unit file on this host" : "not on this host"])
        }
        var evidence: [String] = []
        var uncovered: [String] = []
        var partly = false
        for target in item.targets {
            let onDisk = disk.first { covers($0.1, target, resolved: resolved) }
            let inKernel = loaded?.first { covers($0.1, target, resolved: resolved) }
            let diskText = onDisk.map { "rules.d \($0.0.location)" } ?? "not in rules.d"
            let kernelText = loaded == nil ? "loaded rules unknown (\(loadedReason))"
                : inKernel.map { "loaded (\($0.0.text))" } ?? "not loaded"
            evidence.append("\(target): \(diskText); \(kernelText)")
            if onDisk == nil && (loaded == nil || inKernel == nil) { uncovered.append(target) }
            else if loaded != nil && (onDisk == nil) != (inKernel == nil) { partly = true }
        }
        let shadowedUnwatched = item.shadowed.filter { path in
            !disk.contains { covers($0.1, path, resolved: resolved) } && !(loaded ?? []).contains { covers($0.1, path, resolved: resolved) }
        }
        for path in shadowedUnwatched {
            evidence.append("\(path): shadowed by \(item.targets[0]) (systemd does not read it), not watched; it returns if the override goes")
        }
        let status: CheckStatus = !uncovered.isEmpty ? .fail : partly || !shadowedUnwatched.isEmpty ? .warn : .pass
        let remediation: String?
        switch status {
        case .fail:
            remediation = "dockaudit fix --apply (writes /etc/audit/rules.d/50-dockaudit-docker.rules and loads it), or add "
                + uncovered.map { "-w \($0) -p wa -k docker" }.joined(separator: "; ") + " to rules.d and load it"
        case .warn where partly:
            remediation = "dockaudit rules load: a rule only on disk is not active, one only loaded is lost at reboot"
        case .warn:
            remediation = "add " + shadowedUnwatched.map { "-w \($0) -p wa -k docker" }.joined(separator: "; ")
                + " to rules.d and load it (dockaudit fix --apply does)"
        default:
            remediation = nil
        }
        return result(item, status: status, evidence: evidence, remediation: remediation)
    }

    /// Whether a rule records every change to `target`.
    /// Paths are compared with their directories' links resolved (`resolved`), as the kernel
    /// compares them.
    static func covers(_ shape: RuleShape, _ target: String, resolved: (String) -> String? = { $0 }) -> Bool {
        guard shape.list == .exit, shape.action == .always, shape.syscalls == nil, shape.comparisons.isEmpty else { return false }
        guard let written = shape.fields.first(where: { $0.name == "path" && $0.op == .equal })?.value else { return false }
        guard let path = resolved(written), let target = resolved(target) else { return false }
        guard path == target || target.hasPrefix(path == "/" ? "/" : path + "/") else { return false }
        let permissions = shape.fields.first { $0.name == "perm" }.flatMap { WatchPermissions(letters: $0.value) } ?? .all
        let others = shape.fields.filter { $0.name != "path" && $0.name != "perm" }
        return permissions.isSuperset(of: needed) && others.isEmpty
    }
}
