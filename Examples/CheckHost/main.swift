import HostCheck
import HostIO

// An offline root with auditd's configuration and no rules: what check says of it.
var host = MemoryHostFiles()
host.directory("/etc/audit/rules.d", mode: 0o750)
host.file("/etc/audit/auditd.conf", "log_file = /var/log/audit/audit.log\nnum_logs = 1\ndisk_full_action = ignore\n", mode: 0o644)
host.file("/etc/default/grub", "GRUB_CMDLINE_LINUX=\"quiet\"\n")
let snapshot = SnapshotReader(root: "/", files: host, control: nil).read(native: .x86_64)
let report = HostChecker().check(snapshot, only: ["auditd-conf-disk-full-action", "boot-audit-bootloader", "cis-1.1.3"])
for result in report.results { print(result.status.rawValue, result.id, "-", result.title) }
