import AuditRules

/// The rules: locked with `-e 2` at the very end, the same on disk as in the kernel,
/// and no `never,task` rule silencing every process.
enum RuleChecks {
    static func run(_ snapshot: HostSnapshot) -> [CheckResult] {
        let files = snapshot.parsedRules()
        let lines = files.flatMap(\.lines)
        var results: [CheckResult] = []
        if case .failure(let error) = snapshot.rulesDirectory {
            let denied = snapshot.rulesDirectoryDenied
            for id in ["rules-immutable", "rules-after-immutable"] {
                results.append(CheckResult(id: id, title: title(id), category: .rules, status: denied ? .skip : .fail,
                    evidence: ["\(error)"], remediation: denied ? nil : "create /etc/audit/rules.d with the rules (dockaudit fix does)"))
            }
        } else {
            results += immutability(lines)
        }
        results.append(loadedMatch(snapshot))
        results.append(neverTask(snapshot, lines))
        return results
    }

    static func title(_ id: String) -> String {
        switch id {
        case "rules-immutable": return "the rules end with -e 2 (locked until reboot)"
        case "rules-after-immutable": return "nothing follows -e 2"
        case "rules-loaded-match": return "the kernel's rules equal the merged rules.d"
        default: return "no never,task rule silences every process"
        }
    }

    /// augenrules keeps only the last `-e` line of rules.d and puts it at the end.
    private static func immutability(_ lines: [RuleLine]) -> [CheckResult] {
        let enables = lines.filter { if case .control(.enabled) = $0.statement { return true }; return false }
        guard let last = enables.last, case .control(.enabled(let value)) = last.statement else {
            return [CheckResult(id: "rules-immutable", title: title("rules-immutable"), category: .rules, status: .fail,
                                evidence: ["no -e line in rules.d"],
                                remediation: "add -e 2 as the last line of /etc/audit/rules.d/99-finalize.rules (dockaudit fix --immutable does); rule changes then need a reboot"),
                    CheckResult(id: "rules-after-immutable", title: title("rules-after-immutable"), category: .rules,
                                status: .na, evidence: ["no -e 2"])]
        }
        let immutable = value == 2
        var results = [CheckResult(id: "rules-immutable", title: title("rules-immutable"), category: .rules,
            status: immutable ? .pass : .fail, evidence: ["\(last.location): \(last.text) (the last -e, which augenrules moves to the end)"],
            remediation: immutable ? nil : "change \(last.location) to -e 2 (dockaudit fix --immutable does); rule changes then need a reboot")]
        guard immutable else {
            results.append(CheckResult(id: "rules-after-immutable", title: title("rules-after-immutable"), category: .rules,
                                       status: .na, evidence: ["no -e 2"]))
            return results
        }
        // Earlier -e lines are dropped by augenrules; one of them set to 2 would lock the kernel early
        // when the files are loaded one by one (auditctl -R on each), so say so.
        let early = enables.dropLast().filter { $0.statement == .control(.enabled(2)) }
        results.append(CheckResult(id: "rules-after-immutable", title: title("rules-after-immutable"), category: .rules,
            status: early.isEmpty ? .pass : .warn,
            evidence: early.isEmpty ? ["-e 2 is the last line of the merged rules"]
                : early.map { "\($0.location): an earlier -e 2; loaded file by file, everything after it is refused" },
            remediation: early.isEmpty ? nil : "keep a single -e 2, in the last file of rules.d"))
        return results
    }

    private static func loadedMatch(_ snapshot: HostSnapshot) -> CheckResult {
        guard let loaded = snapshot.loadedRules.value else {
            return CheckResult(id: "rules-loaded-match", title: title("rules-loaded-match"), category: .rules, status: .skip,
                               evidence: [snapshot.loadedRules.reason])
        }
        let diff = RulesDiff(disk: snapshot.rulesInLoadOrder(), loaded: loaded, native: snapshot.native, accounts: snapshot.root == "/" ? .host : .none)
        if diff.isEmpty {
            return CheckResult(id: "rules-loaded-match", title: title("rules-loaded-match"), category: .rules, status: .pass,
                               evidence: ["\(loaded.count) loaded rules, all from rules.d"])
        }
        let evidence = diff.onlyOnDisk.map { "only on disk (not active now): \($0.location): \($0.text)" }
            + diff.onlyLoaded.map { "only loaded (lost at reboot): \($0.text)" }
        return CheckResult(id: "rules-loaded-match", title: title("rules-loaded-match"), category: .rules, status: .fail,
                           evidence: evidence,
                           remediation: "dockaudit rules load (or augenrules --load); put rules that must survive a reboot in /etc/audit/rules.d")
    }

    private static func neverTask(_ snapshot: HostSnapshot, _ lines: [RuleLine]) -> CheckResult {
        func silencing(_ line: RuleLine) -> Bool {
            guard case .syscall(let rule) = line.statement else { return false }
            return rule.list == .task && rule.action == .never && rule.fields.isEmpty && rule.comparisons.isEmpty
                && rule.operation != .delete
        }
        let found = lines.filter(silencing).map { "\($0.location): \($0.text)" }
            + (snapshot.loadedRules.value ?? []).filter(silencing).map { "loaded: \($0.text)" }
        return CheckResult(id: "rules-never-task", title: title("rules-never-task"), category: .rules,
                           status: found.isEmpty ? .pass : .fail,
                           evidence: found.isEmpty ? ["no -a never,task rule without fields"] : found,
                           remediation: found.isEmpty ? nil : "delete the rule (Debian's default 10-no-audit.rules carries it): it turns off auditing of every new process")
    }
}
