/// Auditing from the first moment of boot: `audit=1` on the running kernel and in the
/// persistent boot configuration, with a backlog large enough to hold the boot's events.
enum BootChecks {
    static func run(_ snapshot: HostSnapshot) -> [CheckResult] {
        var results: [CheckResult] = []
        let configured = (try? argumentLines(snapshot)).map { !$0.isEmpty } ?? true
        switch snapshot.cmdline {
        case .value(let line):
            let arguments = BootConfiguration.words(line)
            let audit = BootConfiguration.value(of: "audit", in: arguments)
            // Where no boot configuration sets the kernel's arguments, fix has nothing to change.
            let remediation = configured
                ? "add audit=1 to the boot configuration (dockaudit fix does), then reboot"
                : "this system has no /etc/default/grub kernel arguments, /etc/kernel/cmdline or boot loader entry: "
                    + "the kernel command line comes from the VM monitor or the host that boots it; add audit=1 "
                    + "audit_backlog_limit=\(DaemonChecks.minimumBacklog) to the kernel arguments there, then restart the VM"
            results.append(CheckResult(id: "boot-audit-cmdline", title: "the running kernel was booted with audit=1",
                category: .boot, status: audit == "1" ? .pass : .fail,
                evidence: [audit.map { "audit=\($0) on /proc/cmdline" } ?? "no audit= on /proc/cmdline"],
                remediation: audit == "1" ? nil : remediation))
        case .unavailable(let reason):
            results.append(CheckResult(id: "boot-audit-cmdline", title: "the running kernel was booted with audit=1",
                                       category: .boot, status: .skip, evidence: [reason]))
        }
        let lines: [BootConfiguration.ArgumentLine]
        do {
            lines = try argumentLines(snapshot)
        } catch {
            for id in ["boot-audit-bootloader", "boot-backlog-bootloader"] {
                results.append(CheckResult(id: id, title: title(id), category: .boot, status: .skip,
                                           evidence: ["\(error)"], remediation: "fix the quoting, then run dockaudit check again"))
            }
            return results
        }
        guard !lines.isEmpty else {
            for id in ["boot-audit-bootloader", "boot-backlog-bootloader"] {
                results.append(CheckResult(id: id, title: title(id), category: .boot, status: .na,
                    evidence: ["no /etc/default/grub kernel arguments, /etc/kernel/cmdline or /boot/loader/entries/*.conf: the kernel command line is set elsewhere (a VM monitor, a container)"]))
            }
            return results
        }
        results.append(argumentCheck("boot-audit-bootloader", lines, name: "audit") { $0 == "1" })
        results.append(argumentCheck("boot-backlog-bootloader", lines, name: "audit_backlog_limit") {
            (Int($0) ?? 0) >= DaemonChecks.minimumBacklog
        })
        return results
    }

    static func title(_ id: String) -> String {
        id == "boot-audit-bootloader" ? "the boot configuration sets audit=1"
            : "the boot configuration sets audit_backlog_limit to \(DaemonChecks.minimumBacklog) or more"
    }

    /// Every place of the boot configuration that sets kernel arguments.
    static func argumentLines(_ snapshot: HostSnapshot) throws -> [BootConfiguration.ArgumentLine] {
        var lines: [BootConfiguration.ArgumentLine] = []
        if let grub = snapshot.grubDefaults {
            guard let text = grub.text else { throw BootReadError("\(grub.path): not a text file") }
            lines += try BootConfiguration.grubLines(text, path: grub.path)
        }
        if let cmdline = snapshot.kernelCmdline, let text = cmdline.text {
            lines.append(BootConfiguration.kernelCmdline(text, path: cmdline.path))
        }
        for entry in snapshot.loaderEntries {
            if let text = entry.text, let line = BootConfiguration.loaderEntry(text, path: entry.path) { lines.append(line) }
        }
        return lines
    }

    /// Passes when the argument holds in every boot entry source; GRUB's two variables count as one.
    private static func argumentCheck(_ id: String, _ lines: [BootConfiguration.ArgumentLine], name: String,
                                      _ good: (String) -> Bool) -> CheckResult {
        var evidence: [String] = []
        var missing: [String] = []
        let grub = lines.filter { $0.name.hasPrefix("GRUB_") }
        let groups: [[BootConfiguration.ArgumentLine]] = (grub.isEmpty ? [] : [grub]) + lines.filter { !$0.name.hasPrefix("GRUB_") }.map { [$0] }
        for group in groups {
            let value = group.compactMap { BootConfiguration.value(of: name, in: $0.arguments) }.last
            let place = group.map { "\($0.path):\($0.line) \($0.name)" }.joined(separator: ", ")
            evidence.append("\(place): " + (value.map { "\(name)=\($0)" } ?? "no \(name)="))
            if !(value.map(good) ?? false) { missing.append(place) }
        }
        let fix = "add \(name == "audit" ? "audit=1" : "audit_backlog_limit=\(DaemonChecks.minimumBacklog)") to "
            + missing.joined(separator: "; ") + " (dockaudit fix does), regenerate the boot configuration (update-grub, grub2-mkconfig or grubby), reboot"
        return CheckResult(id: id, title: title(id), category: .boot, status: missing.isEmpty ? .pass : .fail,
                           evidence: evidence, remediation: missing.isEmpty ? nil : fix)
    }
}

struct BootReadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
