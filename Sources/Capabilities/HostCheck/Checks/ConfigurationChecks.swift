/// auditd.conf: no `ignore` when the disk fills up or fails, and log rotation that keeps
/// at least two logs.
enum ConfigurationChecks {
    /// auditd's defaults for the keys checked (auditd.conf(5), auditd 3.0).
    static let defaults = ["disk_full_action": "SUSPEND", "disk_error_action": "SUSPEND",
                           "space_left_action": "IGNORE", "max_log_file_action": "ROTATE", "num_logs": "0"]

    static func run(_ snapshot: HostSnapshot) -> [CheckResult] {
        let ids = ["disk_full_action", "disk_error_action", "space_left_action", "max_log_file_action"]
        func result(_ key: String, _ status: CheckStatus, _ evidence: [String], _ fix: String? = nil) -> CheckResult {
            CheckResult(id: "auditd-conf-" + key.replacingUnderscores(), title: "auditd.conf \(key) is not ignore",
                        category: .configuration, status: status, evidence: evidence, remediation: fix)
        }
        guard let file = snapshot.auditdConf else {
            let problem = snapshot.readProblems["/etc/audit/auditd.conf"].map { "\($0)" } ?? "/etc/audit/auditd.conf not found"
            return ids.map { result($0, .skip, [problem]) }
        }
        guard let text = file.text else {
            return ids.map { result($0, .skip, ["\(file.path): not a text file"], "restore auditd.conf from the auditd package") }
        }
        let conf = KeyValueConfig(text: text)
        func value(_ key: String) -> (String, String) {
            if let entry = conf[key] { return (entry.value, "\(file.path):\(entry.line): \(key) = \(entry.value)") }
            return (defaults[key] ?? "", "\(key) not set: auditd's default \(defaults[key] ?? "")")
        }
        var results: [CheckResult] = []
        for key in ids {
            let (setting, evidence) = value(key)
            let safe = key == "space_left_action" ? "SYSLOG" : key == "max_log_file_action" ? "ROTATE" : "SUSPEND"
            var problems: [String] = []
            if setting.lowercased() == "ignore" { problems.append("ignore: the event is dropped silently") }
            var lines = [evidence]
            if key == "max_log_file_action", setting.lowercased() == "rotate" {
                let (logs, logsEvidence) = value("num_logs")
                lines.append(logsEvidence)
                if (Int(logs) ?? 0) < 2 { problems.append("num_logs below 2: rotation keeps no old log") }
            }
            results.append(result(key, problems.isEmpty ? .pass : .fail, lines + problems,
                                  problems.isEmpty ? nil : "set \(key) = \(safe)" + (key == "max_log_file_action" ? " and num_logs = 5" : "")
                                    + " in \(file.path), then restart auditd (service auditd restart)"))
        }
        if !conf.malformedLines.isEmpty {
            results = results.map { var r = $0; r.evidence.append("\(file.path): malformed lines \(conf.malformedLines.map(String.init).joined(separator: ", "))"); return r }
        }
        return results
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
