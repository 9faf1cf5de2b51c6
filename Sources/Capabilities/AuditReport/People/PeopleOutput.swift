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
            out += "\(name(Int64(person.auid))) (auid \(person.auid)): \(Wording.count(person.events, "event"))"
            out += person.sessions.isEmpty ? ", no login session" : " in \(Wording.count(person.sessions.count, "session"))"
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
        func counts(_ json: inout JSONWriter, _ name: String, _ list: HitList<String>, _ field: String) {
            json.key(name)
            json.array(list.sortedByHits()) { json, entry in
                json.object { c in
                    c.member(field, entry.item)
                    c.member("count", entry.hits)
                }
            }
        }
        func time(_ id: EventID?) -> String? { id.map { TimeText.rfc3339($0.seconds, milliseconds: $0.milliseconds) } }
        var json = JSONWriter()
        json.object { o in
            o.member("report", "people")
            o.key("people")
            o.array(people, oneALine: true) { json, person in
                json.object { p in
                    p.member("auid", person.auid)
                    p.member("name", userName(person.auid))
                    p.member("events", person.events)
                    p.member("sessions", person.sessions.count)
                    p.member("logins", person.logins)
                    p.member("failed_logins", person.failedLogins)
                    counts(&p, "hosts", person.hosts, "host")
                    p.key("acted_as")
                    p.array(person.actedAs.sortedByHits()) { json, entry in
                        json.object { a in
                            a.member("uid", entry.item)
                            a.member("name", userName(UInt32(truncatingIfNeeded: entry.item)))
                            a.member("events", entry.hits)
                        }
                    }
                    counts(&p, "sudo", person.sudoCommands, "command")
                    counts(&p, "su", person.suTargets, "account")
                    counts(&p, "programs", person.programs, "exe")
                    counts(&p, "keys", person.keys, "key")
                    p.member("failed_syscalls", person.failedSyscalls)
                    p.member("first", time(person.first))
                    p.member("last", time(person.last))
                }
            }
        }
        return json.text(terminator: "\n")
    }
}
