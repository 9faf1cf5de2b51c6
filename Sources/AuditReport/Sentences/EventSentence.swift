import AuditLog

/// One plain-English sentence per event, in the spirit of `ausearch --format text`: who
/// (the login user, and the account they acted as), did what, to what, how, whether it
/// worked, and where ("in container web (busybox)").
public struct EventSentence: Sendable {
    /// Names a uid when the log carries no name for it.
    public var userName: @Sendable (UInt32) -> String?

    public init(userName: @escaping @Sendable (UInt32) -> String?) {
        self.userName = userName
    }

    /// The sentence for `event`, starting with its time; `place` is the container, if known.
    /// Log values are not escaped here: the caller escapes for its medium.
    public func sentence(for event: AuditEvent, place: String? = nil) -> String {
        let parts = EventParts(event, userName: userName)
        var text = "At \(TimeText.interpretStyle(event.id.seconds)) "
        guard let action = action(parts) else {
            return text + "a \(parts.headName) event (serial \(event.id.serial)) has no sentence form."
        }
        text += action.subject ?? parts.subject
        text += " " + action.text
        if let place { text += " in container \(place)" }
        if let key = parts.facts.keys.first, parts.headType != 1305 { text += " (rule key \(key))" }
        return text + "."
    }

    private struct Action {
        var subject: String?
        var text: String
    }

    private func action(_ p: EventParts) -> Action? {
        let f = p.facts
        let how = p.how
        switch p.headType {
        case 1300:
            return Action(text: p.outcome + syscallPhrase(p) + how)
        case 1112:   // USER_LOGIN
            let from = f.hostname.map { " from \($0)" } ?? ""
            let on = f.terminal.map { " on \($0)" } ?? ""
            if f.success == false {
                return Action(subject: "someone", text: "failed to log in" + (f.acct.map { " as \($0)" } ?? "") + from + on + how)
            }
            return Action(text: "logged in" + from + on + how)
        case 1113: return Action(text: "logged out" + how)
        case 1100:   // USER_AUTH
            return Action(text: (f.success == false ? "failed to authenticate" : "authenticated") + (f.acct.map { " as \($0)" } ?? "") + how)
        case 1101:   // USER_ACCT
            return Action(text: (f.success == false ? "was refused" : "was granted") + " the account " + (f.acct ?? "?") + how)
        case 1123:   // USER_CMD
            let command = p.text("cmd").map { "the command '\($0)'" } ?? "a command"
            let cwd = p.text("cwd").map { " in \($0)" } ?? ""
            return Action(text: p.outcome + "ran " + command + cwd + how)
        case 1105: return Action(text: "started a session" + (f.acct.map { " as \($0)" } ?? "") + how)
        case 1106: return Action(text: "ended a session" + (f.acct.map { " as \($0)" } ?? "") + how)
        case 1103: return Action(text: "acquired credentials" + (f.acct.map { " for \($0)" } ?? "") + how)
        case 1104: return Action(text: "disposed of credentials" + (f.acct.map { " for \($0)" } ?? "") + how)
        case 1110: return Action(text: "refreshed credentials" + (f.acct.map { " for \($0)" } ?? "") + how)
        case 1108: return Action(text: p.outcome + "changed the password of " + (f.acct ?? "an account") + how)
        case 1114, 1116:
            let what = p.headType == 1114 ? "user" : "group"
            return Action(text: p.outcome + "added a \(what) " + (f.acct ?? p.text("id").map { "with id \($0)" } ?? "") + how)
        case 1115, 1117:
            let what = p.headType == 1115 ? "user" : "group"
            return Action(text: p.outcome + "deleted a \(what) " + (f.acct ?? p.text("id").map { "with id \($0)" } ?? "") + how)
        case 1006:   // LOGIN
            let session = p.text("ses").map { " \($0)" } ?? ""
            return Action(subject: p.loginTarget, text: "was given login session\(session)" + how)
        case 1305:   // CONFIG_CHANGE
            return Action(text: configPhrase(p))
        case 1200: return Action(subject: "The audit daemon", text: "started")
        case 1201, 1202: return Action(subject: "The audit daemon", text: "stopped")
        case 1203: return Action(subject: "The audit daemon", text: "was reconfigured")
        case 1205: return Action(subject: "The audit daemon", text: "rotated its logs")
        case 1130, 1131:
            let unit = p.text("unit") ?? "a service"
            return Action(subject: "systemd", text: p.outcome + (p.headType == 1130 ? "started " : "stopped ") + unit)
        case 1127: return Action(subject: "The system", text: "booted")
        case 1128: return Action(subject: "The system", text: "shut down")
        case 1129: return Action(subject: "The system", text: "changed runlevel to " + (p.text("new-level") ?? "?"))
        case 1701:   // ANOM_ABEND
            let signal = p.text("sig").flatMap(Int.init).map { " with signal \($0)" + (SignalNames.name(of: $0).map { " (\($0))" } ?? "") } ?? ""
            return Action(text: "crashed" + signal + how)
        case 1700:   // ANOM_PROMISCUOUS
            let device = p.text("dev") ?? "a network device"
            return Action(text: (p.text("prom") == "0" ? "took \(device) out of" : "put \(device) into") + " promiscuous mode" + how)
        case 1400:
            return Action(text: "was " + (p.text("seresult") ?? "checked") + " access by SELinux" + how)
        default:
            return nil
        }
    }

    private func syscallPhrase(_ p: EventParts) -> String {
        let name = p.syscallName ?? "syscall \(p.facts.syscall ?? 0)"
        let file = p.file
        let on = file.map { " " + $0 } ?? ""
        switch name {
        case "open", "openat", "openat2": return "opened" + (file.map { " " + $0 } ?? " a file")
        case "creat": return "created" + on
        case "execve", "execveat": return "executed" + (p.execTarget.map { " " + $0 } ?? on)
        case "unlink", "unlinkat", "rmdir": return "deleted" + on
        case "rename", "renameat", "renameat2":
            let names = p.files
            if names.count >= 2 { return "renamed \(names[names.count - 2]) to \(names[names.count - 1])" }
            return "renamed" + on
        case "mkdir", "mkdirat": return "created the directory" + on
        case "chmod", "fchmod", "fchmodat", "fchmodat2": return "changed the mode of" + on
        case "chown", "fchown", "fchownat", "lchown": return "changed the owner of" + on
        case "truncate", "ftruncate": return "truncated" + on
        case "link", "linkat", "symlink", "symlinkat": return "linked" + on
        case "connect": return "connected to " + (p.endpoint ?? "a socket")
        case "bind": return "bound a socket to " + (p.endpoint ?? "an address")
        case "mount": return "mounted" + on
        case "umount2": return "unmounted" + on
        case "init_module", "finit_module": return "loaded a kernel module"
        case "delete_module": return "unloaded a kernel module"
        case "ptrace": return "traced another process"
        case "kill", "tkill", "tgkill": return "sent a signal to another process"
        case "setuid", "setreuid", "setresuid", "setgid", "setregid", "setresgid": return "changed its identity with \(name)"
        default: return "called \(name)" + on
        }
    }

    private func configPhrase(_ p: EventParts) -> String {
        let op = p.text("op")
        let key = p.text("key").flatMap { $0 == "(null)" ? nil : $0 }
        switch op {
        case "add_rule": return p.outcome + "added an audit rule" + (key.map { " keyed \($0)" } ?? "")
        case "remove_rule": return p.outcome + "removed an audit rule" + (key.map { " keyed \($0)" } ?? "")
        default:
            for setting in ["audit_enabled", "audit_failure", "backlog_limit", "audit_pid", "rate_limit", "backlog_wait_time"] {
                if let value = p.text(setting) { return p.outcome + "set the kernel's \(setting) to \(value)" }
            }
            return p.outcome + "changed the audit configuration" + (op.map { " (\($0))" } ?? "")
        }
    }
}
