import AuditRules
import HostIO

extension FixPlan {
    /// The Docker rules, complete on their own (another file of rules.d may come and go),
    /// each also keyed `dockaudit` so it never duplicates a rule of another file — the kernel
    /// refuses a duplicate, which would stop the load half-way; `-b` when no file raises the
    /// backlog, and `-e 2` in its own last file when asked.
    mutating func rules(_ snapshot: HostSnapshot, failing: Set<String>, immutable: Bool) {
        let parser = RuleParser(native: snapshot.native)
        let others = snapshot.parsedRules().filter { $0.path != Self.rulesFile && $0.path != Self.finalizeFile }
        var lines: [String] = []
        let backlogSet = others.flatMap(\.lines).contains {
            if case .control(.backlogLimit(let value)) = $0.statement { return value >= DaemonChecks.minimumBacklog }
            return false
        }
        if !backlogSet {
            lines.append("## Room for the events of a busy Docker host")
            lines.append("-b \(DaemonChecks.minimumBacklog)")
        }
        let generated = DockerRuleProfile(host: snapshot.docker, native: snapshot.native).text()
        for line in generated.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let parsed = RuleFile(path: "generated", bytes: Array((line + "\n").utf8), parser: parser).lines.first
            let isRule = parsed.flatMap { $0.statement.shape(native: snapshot.native) } != nil
            lines.append(isRule ? line + " -k \(Self.ownKey)" : line)
        }
        if lines.last == "" { lines.removeLast() }
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        let current = snapshot.rulesFile(Self.rulesFile)
        // Written when a CIS item or the backlog fails, and kept current once it exists.
        let needed = current != nil || failing.contains("audit-backlog") || failing.contains(where: CISChecks.isRuleCoverage)
        if needed, current != text {
            files.append(FileChange(path: Self.rulesFile, before: current, after: text, mode: 0o640,
                                    reason: "the Docker rules (CIS Docker Benchmark 1.6.0 §1.1), complete on their own"))
        }
        if immutable, failing.contains("rules-immutable") {
            let text = Array("## Lock the audit rules until reboot (dockaudit fix --immutable)\n-e 2\n".utf8)
            let current = snapshot.rulesFile(Self.finalizeFile)
            if current != text {
                files.append(FileChange(path: Self.finalizeFile, before: current, after: text, mode: 0o640,
                                        reason: "-e 2 as the last rule: the rules are locked until reboot"))
            }
        }
    }

    /// `audit=1 audit_backlog_limit=8192` in every place that sets kernel arguments.
    mutating func boot(_ snapshot: HostSnapshot, failing: Set<String>, programExists: (String) -> Bool) {
        guard failing.contains("boot-audit-bootloader") || failing.contains("boot-backlog-bootloader") else { return }
        if let grub = snapshot.grubDefaults, let text = grub.text {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            let index = lines.lastIndex { $0.trimmedBlanks().hasPrefix("GRUB_CMDLINE_LINUX=") }
            var words: [String] = []
            if let index, let equals = lines[index].firstIndex(of: "="),
               let value = BootConfiguration.unquote(lines[index][lines[index].index(after: equals)...]) {
                words = BootConfiguration.words(value)
            }
            let updated = Self.withBootArguments(words)
            let line = "GRUB_CMDLINE_LINUX=\"\(updated.joined(separator: " "))\""
            if let index { lines[index] = line } else { lines.append(line) }
            let after = Array((lines.joined(separator: "\n") + "\n").utf8)
            if after != grub.bytes {
                files.append(FileChange(path: grub.path, before: grub.bytes, after: after, mode: snapshot.mode(grub.path, or: 0o644),
                                        reason: "audit from the first moment of boot, with a backlog for the boot's events"))
                if programExists("/usr/sbin/update-grub") {
                    commands.append(Command(arguments: ["update-grub"], reason: "regenerate grub.cfg"))
                } else if programExists("/usr/sbin/grub2-mkconfig") {
                    commands.append(Command(arguments: ["grub2-mkconfig", "-o", "/boot/grub2/grub.cfg"], reason: "regenerate grub.cfg"))
                }
            }
        }
        if let cmdline = snapshot.kernelCmdline, let text = cmdline.text {
            let updated = Self.withBootArguments(BootConfiguration.words(text)).joined(separator: " ") + "\n"
            if Array(updated.utf8) != cmdline.bytes {
                files.append(FileChange(path: cmdline.path, before: cmdline.bytes, after: Array(updated.utf8),
                                        mode: snapshot.mode(cmdline.path, or: 0o644), reason: "audit=1 for kernels installed from now on"))
            }
        }
        let entries = snapshot.loaderEntries.filter { entry in
            guard let text = entry.text, let line = BootConfiguration.loaderEntry(text, path: entry.path) else { return false }
            return Self.withBootArguments(line.arguments) != line.arguments
        }
        if !entries.isEmpty, programExists("/usr/sbin/grubby") || programExists("/sbin/grubby") {
            commands.append(Command(arguments: ["grubby", "--update-kernel=ALL", "--args=" + Self.bootArguments.joined(separator: " ")],
                                    reason: "audit=1 in every boot entry"))
        }
    }

    /// The arguments with audit= and audit_backlog_limit= set as wanted, everything else kept in place.
    package static func withBootArguments(_ words: [String]) -> [String] {
        var result = words
        for wanted in bootArguments {
            let name = String(wanted.prefix { $0 != "=" })
            if let index = result.lastIndex(where: { $0.hasPrefix(name + "=") }) {
                if name == "audit_backlog_limit", let value = Int(result[index].dropFirst(name.count + 1)),
                   value >= DaemonChecks.minimumBacklog { continue }
                result[index] = wanted
            } else {
                result.append(wanted)
            }
        }
        return result
    }

    /// Safe values for the auditd.conf settings that failed.
    mutating func auditdConf(_ snapshot: HostSnapshot, failing: Set<String>, programExists: (String) -> Bool) {
        guard let file = snapshot.auditdConf, let text = file.text else { return }
        let conf = KeyValueConfig(text: text)
        var settings: [(String, String)] = []
        for (key, safe) in [("disk_full_action", "SUSPEND"), ("disk_error_action", "SUSPEND"),
                            ("space_left_action", "SYSLOG"), ("max_log_file_action", "ROTATE")]
            where failing.contains("auditd-conf-" + key.replacingUnderscores()) {
            let current = conf[key]?.value.lowercased()
            if current == "ignore" || current == nil { settings.append((key, safe)) }
            if key == "max_log_file_action", (Int(conf["num_logs"]?.value ?? "0") ?? 0) < 2 {
                settings.append(("num_logs", "5"))
            }
        }
        guard !settings.isEmpty else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for (key, value) in settings {
            let line = "\(key) = \(value)"
            if let index = lines.lastIndex(where: { $0.trimmedBlanks().hasPrefix(key) && $0.split(separator: "=").first?.trimmedBlanks() == key }) {
                lines[index] = line
            } else {
                lines.append(line)
            }
        }
        files.append(FileChange(path: file.path, before: file.bytes, after: Array((lines.joined(separator: "\n") + "\n").utf8),
                                mode: snapshot.mode(file.path, or: 0o640), reason: "never ignore a full or failing disk; keep rotated logs"))
        if programExists("/usr/sbin/service") {
            commands.append(Command(arguments: ["service", "auditd", "restart"], reason: "auditd reads auditd.conf when it starts"))
        }
    }

    /// Owners and modes for the permission checks that failed.
    mutating func permissionChanges(_ snapshot: HostSnapshot, failing: Set<String>) {
        if failing.contains("rules-perms") {
            let paths = ["/etc/audit", "/etc/audit/rules.d", "/etc/audit/auditd.conf", "/etc/audit/audit.rules"]
                + snapshot.files.keys.filter { $0.hasPrefix("/etc/audit/rules.d/") }.sorted()
            for path in paths {
                guard let status = snapshot.files[path], status.uid != 0 || status.mode & 0o026 != 0 || status.mode & 0o004 != 0 else { continue }
                permissions.append(PermissionChange(path: path, uid: status.uid != 0 ? 0 : nil, gid: nil,
                                                    mode: status.mode & ~0o027, reason: "audit configuration for root only"))
            }
        }
        if failing.contains("log-perms") {
            let group = snapshot.auditdConf?.text.map(KeyValueConfig.init(text:))?["log_group"]?.value ?? "root"
            let gid = group == "root" ? 0 : snapshot.groups[group]
            for path in [snapshot.logDirectory] + snapshot.logFiles.sorted() {
                guard let status = snapshot.files[path] else { continue }
                let directory = status.kind == .directory
                let allowed: Set<UInt32> = directory ? [0o700, 0o750] : [0o600, 0o640, 0o400, 0o440]
                let wrongGroup = gid.map { status.gid != $0 && status.gid != 0 } ?? false
                guard status.uid != 0 || !allowed.contains(status.mode) || wrongGroup else { continue }
                permissions.append(PermissionChange(path: path, uid: status.uid != 0 ? 0 : nil, gid: wrongGroup ? gid : nil,
                                                    mode: allowed.contains(status.mode) ? nil : (directory ? 0o750 : 0o640),
                                                    reason: "audit logs for root and the log group only"))
            }
        }
        if failing.contains("docker-sock-perms"), let docker = snapshot.groups["docker"],
           let path = ["/var/run/docker.sock", "/run/docker.sock"].first(where: { snapshot.files[$0]?.kind == .socket }),
           let status = snapshot.files[path] {
            permissions.append(PermissionChange(path: path, uid: status.uid != 0 ? 0 : nil, gid: status.gid != docker ? docker : nil,
                                                mode: status.mode != 0o660 ? 0o660 : nil, reason: "the Docker socket for root and the docker group"))
        }
    }
}

extension HostSnapshot {
    /// The current bytes of a rules.d file, or nil when it does not exist.
    func rulesFile(_ path: String) -> [UInt8]? {
        guard let directory = try? rulesDirectory.get() else { return nil }
        return directory.files.first { directory.path + "/" + $0.name == path }?.bytes
    }

    func mode(_ path: String, or fallback: UInt32) -> UInt32 { files[path]?.mode ?? fallback }
}
