import AuditRules
import HostCheck
import HostIO

extension Fuzz {
    /// `check` on an in-memory host: every format well formed, the text free of control bytes.
    static func checkReport(of host: MemoryHostFiles, cmdline: String) {
        let snapshot = SnapshotReader(root: "/fuzz-root", files: host, recordedStatus: "enabled 1\npid 1\nlost 0\nbacklog_limit 8192\nbacklog 0\n",
                                      recordedRules: "No rules\n", recordedCmdline: cmdline).read(native: .x86_64)
        let report = HostChecker().check(snapshot)
        require(isTerminalSafe(Array(report.text(colored: false).utf8)), "check text lets a control byte through")
        require(isJSON(Array(report.json().utf8)), "check JSON does not parse")
        require(isJSON(Array(report.sarif().utf8)), "check SARIF does not parse")
        _ = report.junit(failOnWarn: false)
    }
}
