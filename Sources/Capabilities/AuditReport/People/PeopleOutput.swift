import AuditLog

extension PeopleReport {
    /// For people: one block per login user, with the accounts they became and what they ran.
    public func text(userName: (UInt32) -> String?, top: Int = 5) -> String {
        guard !people.isEmpty else { return "No login users in the log (every event's auid is unset).\n" }
        func name(_ uid: Int64) -> String { userName(UInt32(truncatingIfNeeded: uid)) ?? String(uid) }
        func list(_ items: [(item: String, hits: Int)]) -> String {
            items.prefix(top).map { "\(Escaping.terminal($0.item)) (\($0.hits))" }.joined(separator: ", ")
                + (items.count > top ? ", … \(items.count - top) more" : "")
        }
        var out = ""
        for person in people {
            out += "\(name(Int64(person.auid))) (auid \(person.auid)): \(person.events) events in \(person.sessions.count) sessions"
            if let first = person.first, let last = person.last {
                out += ", \(TimeText.interpretStyle(first.seconds)) – \(TimeText.interpretStyle(last.seconds))"
            }
            out += "\n"
            out += "  logins: \(person.logins), failed \(person.failedLogins)"
            out += person.hosts.count > 0 ? ", from " + list(person.hosts.sortedByHits()) + "\n" : "\n"
            out += "  acted as: " + list(person.actedAs.sortedByHits().map { (name($0.item), $0.hits) }) + "\n"
            if person.sudoCommands.count > 0 { out += "  sudo: " + list(person.sudoCommands.sortedByHits()) + "\n" }
            if person.suTargets.count > 0 { out += "  su to: " + list(person.suTargets.sortedByHits()) + "\n" }
            if person.programs.count > 0 { out += "  programs run: " + list(person.programs.sortedByHits()) + "\n" }
            if person.keys.count > 0 { out += "  keys: " + list(person.keys.sortedByHits()) + "\n" }
            out += "  failed syscalls: \(person.failedSyscalls)\n"
        }
        return out
    }

    public func json(userName: (UInt32) -> String?) -> String {
        func counts(_ list: HitList<String>, _ field: String) -> String {
            "[" + list.sortedByHits().map { "{\(Escaping.json(field)):\(Escaping.json($0.item)),\"count\":\($0.hits)}" }
                .joined(separator: ",") + "]"
        }
        func time(_ id: EventID?) -> String {
            id.map { Escaping.json(TimeText.rfc3339($0.seconds, milliseconds: $0.milliseconds)) } ?? "null"
        }
        let items = people.map { person -> String in
            let actedAs = person.actedAs.sortedByHits().map {
                "{\"uid\":\($0.item),\"name\":\(userName(UInt32(truncatingIfNeeded: $0.item)).map(Escaping.json) ?? "null"),\"events\":\($0.hits)}"
            }
            return "{\"auid\":\(person.auid),\"name\":\(userName(person.auid).map(Escaping.json) ?? "null"),"
                + "\"events\":\(person.events),\"sessions\":\(person.sessions.count),"
                + "\"logins\":\(person.logins),\"failed_logins\":\(person.failedLogins),\"hosts\":\(counts(person.hosts, "host")),"
                + "\"acted_as\":[\(actedAs.joined(separator: ","))],\"sudo\":\(counts(person.sudoCommands, "command")),"
                + "\"su\":\(counts(person.suTargets, "account")),\"programs\":\(counts(person.programs, "exe")),"
                + "\"keys\":\(counts(person.keys, "key")),\"failed_syscalls\":\(person.failedSyscalls),"
                + "\"first\":\(time(person.first)),\"last\":\(time(person.last))}"
        }
        return "{\"report\":\"people\",\"people\":[" + items.joined(separator: ",\n") + "]}\n"
    }
}
