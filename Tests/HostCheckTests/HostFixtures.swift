import TestSupport
import AuditRules
import HostCheck
import HostIO


/// Debian and Red Hat hosts, well and badly configured.
enum Fixtures {
    static let goodStatus = "enabled 2\nfailure 1\npid 612\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 3\n"

    static func debian(good: Bool) -> MemoryHost {
        var host = MemoryHost()
        host.file("/sbin/auditd", "", mode: 0o755)
        for program in ["/usr/sbin/dockerd", "/usr/bin/containerd", "/usr/bin/containerd-shim-runc-v2", "/usr/sbin/runc",
                        "/usr/bin/docker"] { host.file(program, "", mode: 0o755) }
        host.file("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n")
        host.file("/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\nSocketGroup=docker\n")
        host.directory("/etc/docker")
        host.directory("/var/lib/docker", mode: 0o710)
        host.socket("/run/docker.sock", mode: good ? 0o660 : 0o666, gid: 998)
        host.file("/etc/group", "root:x:0:\nadm:x:4:\ndocker:x:998:alice\n")
        host.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n")
        host.file("/etc/sudoers", "root ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n", mode: 0o440)
        host.file("/etc/default/grub", good ? "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"audit=1 audit_backlog_limit=8192\"\n"
                                             : "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n")
        host.directory("/etc/audit", mode: 0o750)
        host.directory("/etc/audit/rules.d", mode: 0o750)
        host.file("/etc/audit/auditd.conf", good ? "log_file = /var/log/audit/audit.log\nlog_group = adm\nnum_logs = 5\nmax_log_file_action = ROTATE\nspace_left_action = SYSLOG\ndisk_full_action = SUSPEND\ndisk_error_action = SUSPEND\n"
                                                 : "log_file = /var/log/audit/audit.log\nnum_logs = 1\nmax_log_file_action = ROTATE\ndisk_full_action = ignore\n",
                  mode: good ? 0o640 : 0o644)
        host.file("/etc/audit/rules.d/10-base.rules", "-D\n-b \(good ? 8192 : 320)\n-f 1\n", mode: 0o640)
        if good {
            let profile = DockerRuleProfile(host: DockerHost(discoveringOn: host)).text()
            host.file("/etc/audit/rules.d/50-docker.rules", profile, mode: 0o640)
            host.file("/etc/audit/rules.d/99-finalize.rules", "-e 2\n", mode: 0o640)
        } else {
            host.file("/etc/audit/rules.d/10-no-audit.rules", "-a never,task\n", mode: 0o640)
        }
        host.file("/run/auditd.state", "plugin queue size = 2000\nmax plugin queue depth used = \(good ? 3 : 2000)\nplugin queue overflow detected = \(good ? "no" : "yes")\n", mode: 0o640)
        host.directory("/var/log/audit", mode: good ? 0o750 : 0o755, gid: 4)
        host.file("/var/log/audit/audit.log", "", mode: good ? 0o640 : 0o644, gid: 4)
        host.file("/var/log/audit/audit.log.1", "", mode: 0o440, gid: 4)
        return host
    }

    /// `auditctl -l` as it lists the rules of a rules.d (watches as -w, keys as -F key=).
    static func listing(of host: MemoryHost) -> String {
        let lines = (try? RulesDirectory(path: "/etc/audit/rules.d", files: host).parsed(with: RuleParser()).flatMap(\.lines)) ?? []
        return lines.compactMap { line -> String? in
            switch line.statement {
            case .watch(let watch): return "-w \(watch.path) -p \(watch.effectivePermissions) -k \(watch.keys.joined(separator: " -k "))"
            case .syscall: return line.statement.shape(native: .x86_64)?.text
            case .control: return nil
            }
        }.joined(separator: "\n") + "\n"
    }

    static func snapshot(_ host: MemoryHost, status: String? = goodStatus, rules: String? = nil, cmdline: String? = "BOOT_IMAGE=/vmlinuz audit=1") -> HostSnapshot {
        var host = host
        if !host.exists("/etc/fstab") { host.file("/etc/fstab", "/dev/vda1 / ext4 defaults 0 1\n/dev/vdb1 /var/lib/docker ext4 defaults 0 2\n") }
        return SnapshotReader(root: "/", files: host, control: nil, recordedStatus: status,
                              recordedRules: rules ?? listing(of: host), recordedCmdline: cmdline).read(native: .x86_64)
    }
}
