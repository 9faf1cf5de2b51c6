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
        if parts.headType == .syscall, let runtime = RuntimeInit.runtime(of: event) {
            text += runtimeStep(parts, runtime: runtime, place: place)
            if let key = parts.facts.keys.first { text += " (rule key \(key))" }
            return text + "."
        }
        guard let action = action(parts) else {
            return text + "a \(parts.headName) event (serial \(event.id.serial)) has no sentence form."
        }
        text += action.subject ?? parts.subject
        text += " " + action.text
        if let place { text += " in container \(place)" }
        if let key = parts.facts.keys.first, parts.headType != .configChange { text += " (rule key \(key))" }
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
        case .syscall:
            if let command = commandLine(p) { return Action(text: p.outcome + "ran '\(command)'" + (f.exe.map { " (\($0))" } ?? "")) }
            return Action(text: p.outcome + syscallPhrase(p) + how)
        case .userLogin:
            let from = f.hostname.map { " from \($0)" } ?? ""
            let on = f.terminal.map { " on \($0)" } ?? ""
            if f.success == false {
                return Action(subject: "someone", text: "failed to log in" + (f.acct.map { " as \($0)" } ?? "") + from + on + how)
            }
            return Action(text: "logged in" + from + on + how)
        case .userLogout: return Action(text: "logged out" + how)
        case .userAuth:
            return Action(text: (f.success == false ? "failed to authenticate" : "authenticated") + (f.acct.map { " as \($0)" } ?? "") + how)
        case .userAcct:
            return Action(text: (f.success == false ? "was refused" : "was granted") + " the account " + (f.acct ?? "?") + how)
        case .userCmd:
            let command = p.text("cmd").map { "the command '\($0)'" } ?? "a command"
            let cwd = p.text("cwd").map { " in \($0)" } ?? ""
            return Action(text: p.outcome + "ran " + command + cwd + how)
        case .userStart: return Action(text: "started a session" + (f.acct.map { " as \($0)" } ?? "") + how)
        case .userEnd: return Action(text: "ended a session" + (f.acct.map { " as \($0)" } ?? "") + how)
        case .credAcq: return Action(text: "acquired credentials" + (f.acct.map { " for \($0)" } ?? "") + how)
        case .credDisp: return Action(text: "disposed of credentials" + (f.acct.map { " for \($0)" } ?? "") + how)
        case .credRefr: return Action(text: "refreshed credentials" + (f.acct.map { " for \($0)" } ?? "") + how)
        case .userChauthtok: return Action(text: p.outcome + "changed the password of " + (f.acct ?? "an account") + how)
        case .addUser, .addGroup:
            let what = p.headType == .addUser ? "user" : "group"
            return Action(text: p.outcome + "added a \(what) " + (f.acct ?? p.text("id").map { "with id \($0)" } ?? "") + how)
        case .delUser, .delGroup:
            let what = p.headType == .delUser ? "user" : "group"
            return Action(text: p.outcome + "deleted a \(what) " + (f.acct ?? p.text("id").map { "with id \($0)" } ?? "") + how)
        case .login:
            let session = p.text("ses").map { " \($0)" } ?? ""
            return Action(subject: p.loginTarget, text: "was given login session\(session)" + how)
        case .configChange:
            return Action(text: configPhrase(p) + how)
        case .daemonStart: return Action(subject: "The audit daemon", text: "started")
        case .daemonEnd, .daemonAbort: return Action(subject: "The audit daemon", text: "stopped")
        case .daemonConfig: return Action(subject: "The audit daemon", text: "was reconfigured")
        case .daemonRotate: return Action(subject: "The audit daemon", text: "rotated its logs")
        case .serviceStart, .serviceStop:
            let unit = p.text("unit") ?? "a service"
            return Action(subject: "systemd", text: p.outcome + (p.headType == .serviceStart ? "started " : "stopped ") + unit)
        case .systemBoot: return Action(subject: "The system", text: "booted")
        case .systemShutdown: return Action(subject: "The system", text: "shut down")
        case .systemRunlevel: return Action(subject: "The system", text: "changed runlevel to " + (p.text("new-level") ?? "?"))
        case .anomAbend:
            let signal = p.text("sig").flatMap(Int.init).map { " with signal \($0)" + (SignalNames.name(of: $0).map { " (\($0))" } ?? "") } ?? ""
            return Action(text: "crashed" + signal + how)
        case .anomPromiscuous:
            let device = p.text("dev") ?? "a network device"
            return Action(text: (p.text("prom") == "0" ? "took \(device) out of" : "put \(device) into") + " promiscuous mode" + how)
        case .avc:
            return Action(text: "was " + (p.text("seresult") ?? "checked") + " access by SELinux" + how)
        default:
            return nil
        }
    }

    /// "runc set up container web: mounted …", then "runc started sh -c … in container web":
    /// the runtime named for what it does, not as the "/" the kernel calls it after the pivot.
    private func runtimeStep(_ p: EventParts, runtime: String, place: String?) -> String {
        let container = place.map { "container \($0)" } ?? "a container"
        if ["execve", "execveat"].contains(p.syscallName), p.facts.success == true {
            let argv = p.event.first(.execve)?.execveArguments ?? []
            if argv.count >= 2, argv[1] == "init", argv[0].hasSuffix(runtime) { return "\(runtime) began to set up \(container)" }
            let program = commandLine(p) ?? p.facts.exe ?? "its program"
            return "\(runtime) started \(program)" + (place.map { " in container \($0)" } ?? " in a container")
        }
        return "\(runtime) set up \(container): " + (p.facts.success == false ? "unsuccessfully " : "") + syscallPhrase(p)
    }

    /// The command line a successful execve ran, from its EXECVE record, cut at 200 characters.
    private func commandLine(_ p: EventParts) -> String? {
        guard ["execve", "execveat"].contains(p.syscallName), p.facts.success == true,
              let argv = p.event.first(.execve)?.execveArguments, !argv.isEmpty else { return nil }
        let line = argv.joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
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
        let key = p.text("key").flatMap { $0 == "(null)" ? nil : $0.split(separator: "\u{1}").joined(separator: ", ") }
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
