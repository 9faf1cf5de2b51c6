import AuditLog

extension ContainerCatalog {
    /// One row per container, as `dockaudit containers` prints it for people.
    public func text(userName: (UInt32) -> String?) -> String {
        var lines: [String] = []
        for info in containers {
            let actor = info.actor.map { actor -> String in
                let who = actor.auid.flatMap { $0 == UInt32.max ? "unset" : userName($0) ?? String($0) } ?? "?"
                return "\(who) (ses \(actor.ses.map(String.init) ?? "?")): \(actor.command)" + (actor.byTiming ? "   [linked by time only]" : "")
            } ?? "unknown"
            lines.append("\(info.name ?? "(no name)")  \(info.id.prefix(12))  \(info.image ?? "?")"
                         + (info.confirmedByProc ? "   (still running: confirmed from /proc)" : ""))
            lines.append("    started by: \(actor)")
            for command in info.commands where command.verb != "run" && command.verb != "create" {
                let who = command.auid.flatMap { $0 == UInt32.max ? "unset" : userName($0) ?? String($0) } ?? "?"
                lines.append("    \(command.verb) by \(who) (ses \(command.ses.map(String.init) ?? "?")): \(command.argv.joined(separator: " "))")
            }
            if let first = info.firstEvent, let last = info.lastEvent {
                lines.append("    first event \(TimeText.rfc3339(Int64(first), milliseconds: Int32((first.truncatingRemainder(dividingBy: 1)) * 1000))), last \(TimeText.rfc3339(Int64(last), milliseconds: Int32((last.truncatingRemainder(dividingBy: 1)) * 1000)))")
            }
            lines.append("    events \(info.events), execs \(info.execs), files written \(info.filesWritten), failed syscalls \(info.failedSyscalls), connects \(info.connects)")
        }
        if containers.isEmpty { lines.append("no container launch (containerd-shim, conmon) in the log") }
        return lines.map(Escaping.terminal).joined(separator: "\n") + "\n"
    }

    /// The containers as a JSON array, one object each.
    public func json() -> String {
        var out = OutputBuffer()
        out.append("[")
        for (index, info) in containers.enumerated() {
            if index > 0 { out.append(",") }
            out.append("{\"id\":")
            Escaping.jsonString(info.id, into: &out)
            out.append(",\"name\":"); optional(info.name, &out)
            out.append(",\"image\":"); optional(info.image, &out)
            out.append(",\"name_source\":"); optional(info.nameSource, &out)
            out.append(",\"started\":\(info.started),\"first_event\":\(info.firstEvent.map { String($0) } ?? "null"),\"last_event\":\(info.lastEvent.map { String($0) } ?? "null")")
            out.append(",\"actor\":")
            if let actor = info.actor {
                out.append("{\"auid\":\(actor.auid.map(String.init) ?? "null"),\"uid\":\(actor.uid.map(String.init) ?? "null"),\"ses\":\(actor.ses.map(String.init) ?? "null"),\"command\":")
                Escaping.jsonString(actor.command, into: &out)
                out.append(",\"by_timing\":\(actor.byTiming)}")
            } else {
                out.append("null")
            }
            out.append(",\"confirmed_by_proc\":\(info.confirmedByProc),\"commands\":[")
            for (position, command) in info.commands.enumerated() {
                if position > 0 { out.append(",") }
                out.append("{\"verb\":")
                Escaping.jsonString(command.verb, into: &out)
                out.append(",\"auid\":\(command.auid.map(String.init) ?? "null"),\"ses\":\(command.ses.map(String.init) ?? "null"),\"time\":\(command.time),\"command\":")
                Escaping.jsonString(command.argv.joined(separator: " "), into: &out)
                out.append("}")
            }
            out.append("]")
            out.append(",\"events\":\(info.events),\"execs\":\(info.execs),\"files_written\":\(info.filesWritten),\"failed_syscalls\":\(info.failedSyscalls),\"connects\":\(info.connects)}")
        }
        out.append("]\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private func optional(_ text: String?, _ out: inout OutputBuffer) {
        if let text { Escaping.jsonString(text, into: &out) } else { out.append("null") }
    }
}

extension ProcessHistory {
    /// The ancestry of a process at a moment, one hop a line, with the container it ran in.
    public func treeText(pid: Int, at time: Double, attributor: ContainerAttributor, userName: (UInt32) -> String?) -> String {
        let chain = ancestry(of: pid, at: time)
        guard !chain.isEmpty else { return "pid \(pid) is not in the log\n" }
        var lines: [String] = []
        for (depth, sighting) in chain.reversed().enumerated() {
            let program = programs(of: sighting.pid, until: time).last?.joined(separator: " ") ?? sighting.exe ?? sighting.comm ?? "?"
            func user(_ id: UInt32?) -> String { id.map { $0 == UInt32.max ? "unset" : userName($0) ?? String($0) } ?? "?" }
            let container = attributor.container(of: sighting.pid, at: time).map { "  [container \($0.prefix(12))]" } ?? ""
            lines.append(String(repeating: "  ", count: depth) + (depth > 0 ? "└─ " : "")
                         + "\(sighting.pid) \(program)  uid=\(user(sighting.uid)) auid=\(user(sighting.auid))" + container)
        }
        return lines.map(Escaping.terminal).joined(separator: "\n") + "\n"
    }
}

extension ContainerCatalog {
    /// `"container":{id,name,image},"actor":{auid,user,ses,command,by_timing}` for a JSON
    /// event (`null`s on the host), as `search --format json` adds them.
    public func jsonMembers(for event: AuditEvent, userName: (UInt32) -> String?) -> String {
        var out = OutputBuffer()
        guard let sighting = ProcessHistory.sighting(in: event), let id = attributor.container(of: sighting),
              let info = containers.first(where: { $0.id == id }) else {
            return "\"container\":null,\"actor\":null"
        }
        out.append("\"container\":{\"id\":")
        Escaping.jsonString(info.id, into: &out)
        out.append(",\"name\":"); optional(info.name, &out)
        out.append(",\"image\":"); optional(info.image, &out)
        out.append("},\"actor\":")
        if let actor = actor(for: sighting) {
            out.append("{\"auid\":\(actor.auid.map(String.init) ?? "null"),\"user\":")
            optional(actor.auid.flatMap { $0 == UInt32.max ? nil : userName($0) }, &out)
            out.append(",\"ses\":\(actor.ses.map(String.init) ?? "null"),\"command\":")
            Escaping.jsonString(actor.command, into: &out)
            out.append(",\"by_timing\":\(actor.byTiming)}")
        } else {
            out.append("null")
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
