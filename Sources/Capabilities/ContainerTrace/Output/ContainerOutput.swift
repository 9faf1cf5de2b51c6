import AuditLog

extension ContainerCatalog {
    /// "alice (session 3)", or "no login user" for a process outside any login (a service, cron's jobs, a boot script).
    static func who(_ auid: UInt32?, _ ses: UInt32?, _ userName: (UInt32) -> String?) -> String {
        guard let auid else { return "?" }
        guard auid != UInt32.max else { return "no login user (auid unset)" }
        return (userName(auid) ?? String(auid)) + (ses.map { $0 == UInt32.max ? "" : " (session \($0))" } ?? "")
    }

    /// One row per container, as `dockaudit containers` prints it for people.
    public func text(userName: (UInt32) -> String?) -> String {
        var lines: [String] = []
        for info in containers {
            let actor = info.actor.map { actor -> String in
                Self.who(actor.auid, actor.ses, userName) + ": \(actor.command)" + (actor.byTiming ? "   [linked by time only]" : "")
            } ?? "unknown"
            lines.append("\(info.name ?? "(name unknown)")  \(info.id.prefix(12))  \(info.image ?? "(image unknown)")"
                         + (info.confirmedByProc ? "   (still running: confirmed from /proc)" : ""))
            if info.name == nil {
                lines.append("    name unknown: the engine and Docker's files no longer have it (removed), and no docker command in the log named it")
            }
            lines.append("    started by: \(actor)")
            for command in info.commands where command.verb != "run" && command.verb != "create" {
                lines.append("    \(command.verb) by \(Self.who(command.auid, command.ses, userName)): \(command.argv.joined(separator: " "))")
            }
            if let first = info.firstEvent, let last = info.lastEvent {
                lines.append("    first event \(TimeText.rfc3339(Int64(first), milliseconds: Int32((first.truncatingRemainder(dividingBy: 1)) * 1000))), last \(TimeText.rfc3339(Int64(last), milliseconds: Int32((last.truncatingRemainder(dividingBy: 1)) * 1000)))")
            }
            if info.events == 0 {
                let started = TimeText.rfc3339(Int64(info.started), milliseconds: Int32(info.started.truncatingRemainder(dividingBy: 1) * 1000))
                lines.append("    no audited events: the log has its launch at \(started), but no rule matched what its processes did")
            }
            lines.append("    events \(info.events), execs \(info.execs), files written \(info.filesWritten), failed syscalls \(info.failedSyscalls), connects \(info.connects)")
        }
        if containers.isEmpty { lines.append("no container launch (containerd-shim, conmon) in the log") }
        return lines.map(Escaping.terminal).joined(separator: "\n") + "\n"
    }

    /// The containers as a JSON array, one object each.
    public func json() -> String {
        var json = JSONWriter()
        json.array(containers) { json, info in
            json.object { o in
                o.member("id", info.id)
                o.member("name", info.name)
                o.member("image", info.image)
                o.member("name_source", info.nameSource)
                o.member("image_source", info.imageSource)
                o.member("started", info.started)
                o.member("first_event", info.firstEvent)
                o.member("last_event", info.lastEvent)
                o.key("actor")
                if let actor = info.actor {
                    o.object { a in
                        a.member("auid", actor.auid)
                        a.member("uid", actor.uid)
                        a.member("ses", actor.ses)
                        a.member("command", actor.command)
                        a.member("by_timing", actor.byTiming)
                    }
                } else {
                    o.null()
                }
                o.member("confirmed_by_proc", info.confirmedByProc)
                o.key("commands")
                o.array(info.commands) { json, command in
                    json.object { c in
                        c.member("verb", command.verb)
                        c.member("auid", command.auid)
                        c.member("ses", command.ses)
                        c.member("time", command.time)
                        c.member("command", command.argv.joined(separator: " "))
                    }
                }
                o.member("events", info.events)
                o.member("execs", info.execs)
                o.member("files_written", info.filesWritten)
                o.member("failed_syscalls", info.failedSyscalls)
                o.member("connects", info.connects)
            }
        }
        return json.text(terminator: "\n")
    }
}

/// A process's ancestry as `tree` prints it, from the login down, one hop a line.
enum TreeText {
    /// `hops` nearest first, as `ProcessTracker.ancestry(of:)` gives them.
    static func render(_ hops: [ProcessHop], pid: Int, logins: [UInt32: LoginHop], userName: (UInt32) -> String?) -> String {
        guard !hops.isEmpty else { return "pid \(pid) is not in the log\n" }
        var lines: [String] = []
        func user(_ id: UInt32?) -> String { id.map { $0 == UInt32.max ? "unset" : userName($0) ?? String($0) } ?? "?" }
        let login = hops.last?.ses.flatMap { logins[$0] }
        if let login {
            let program = login.program.map { String($0.split(separator: "/").last ?? "") } ?? "login"
            let pid = hops.contains { $0.pid == login.pid } ? "" : "\(login.pid) "
            lines.append("\(pid)\(program) login of \(user(login.auid))" + (login.address.map { " from \($0)" } ?? "")
                         + (login.terminal.map { " on \($0)" } ?? "") + " at \(TimeText.interpretStyle(Int64(login.time)))"
                         + " (session \(login.session))")
        }
        let indent = login == nil ? 0 : 1
        for (index, hop) in hops.reversed().enumerated() {
            let depth = index + indent
            let container = hop.container.map { "  [container \($0.prefix(12))]" } ?? ""
            lines.append(String(repeating: "  ", count: depth) + (depth > 0 ? "└─ " : "")
                         + "\(hop.pid) \(hop.program)  uid=\(user(hop.uid)) auid=\(user(hop.auid))" + container)
        }
        return lines.map(Escaping.terminal).joined(separator: "\n") + "\n"
    }
}

extension ContainerCatalog {
    /// `"container":{id,name,image,name_source,image_source},"actor":{auid,user,ses,command,by_timing},
    /// "process":{pid,exe,argv,parents}` for a JSON event, as `search --format json --attribute`,
    /// `follow` and the plugin add them to its object. `process` is the event's process and its
    /// parents (`ProcessTracker.ancestry`) up to the host's init, or for a container's process
    /// up to its shim; `container` and `actor` are `null` on the host, all three without a process.
    package func writeJSONMembers(for placement: Placement?, process hops: [ProcessHop], userName: (UInt32) -> String?,
                                  into json: inout JSONWriter) {
        writeContainer(placement, userName: userName, into: &json)
        json.key("process")
        guard let process = hops.first else { json.null(); return }
        json.object { p in
            p.member("pid", process.pid)
            p.member("exe", process.exe)
            p.key("argv")
            if let argv = process.argv { p.array(argv) { $0.string($1) } } else { p.null() }
            p.key("parents")
            let inContainer = placement?.container != nil
            var parents = hops.dropFirst()
            if inContainer, let top = parents.firstIndex(where: { $0.container == nil }) { parents = parents[...top] }
            p.array(Array(parents)) { array, hop in
                array.object { h in
                    h.member("pid", hop.pid)
                    h.member("program", hop.program)
                    h.member("auid", hop.auid)
                    h.member("in_container", hop.container != nil)
                }
            }
        }
    }

    private func writeContainer(_ placement: Placement?, userName: (UInt32) -> String?, into json: inout JSONWriter) {
        guard let placement, let id = placement.container, let info = container(id) else {
            json.key("container"); json.null()
            json.key("actor"); json.null()
            return
        }
        json.key("container")
        json.object { c in
            c.member("id", info.id)
            c.member("name", info.name)
            c.member("image", info.image)
            c.member("name_source", info.nameSource)
            c.member("image_source", info.imageSource)
        }
        json.key("actor")
        guard let actor = actor(for: placement) else { json.null(); return }
        json.object { a in
            a.member("auid", actor.auid)
            a.member("user", actor.auid.flatMap { $0 == UInt32.max ? nil : userName($0) })
            a.member("ses", actor.ses)
            a.member("command", actor.command)
            a.member("by_timing", actor.byTiming)
        }
    }
}
