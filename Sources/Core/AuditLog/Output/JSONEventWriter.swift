/// Writes one event as a JSON object on one line (JSON Lines). Schema: docs/json-schema.md.
enum JSONEventWriter {
    static func write(_ event: AuditEvent, interpreter: Interpreter, extraMembers: ((AuditEvent, inout JSONWriter) -> Void)?,
                      into out: inout OutputBuffer) {
        JSONWriter.write(into: &out) { json in
            json.object { o in
                o.member("id", event.id.text)
                o.member("node", event.id.node)
                o.member("time", TimeText.rfc3339(event.id.seconds, milliseconds: event.id.milliseconds))
                o.member("serial", event.id.serial)
                summary(EventSummary(event), of: event, names: interpreter.names, into: &o)
                o.key("records")
                o.array(event.records) { json, record in
                    json.object { r in
                        r.member("type", record.type.name)
                        r.key("fields")
                        object(interpreter.interpret(record).lazy.filter { !$0.opensNested }.map { ($0.name, $0.value) }, into: &r)
                        r.key("raw")
                        object(record.fields.lazy.filter { $0.quoting != .singleQuoted }.map { ($0.name, $0.value) }, into: &r)
                        if record.isEnriched {
                            r.key("enriched")
                            object(record.enrichment.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, into: &r)
                        }
                    }
                }
                extraMembers?(event, &o)
            }
        }
        out.append(byte: 0x0A)
    }

    /// The top-level facts (`EventSummary`), so `jq .exe` needs no walk through `records`.
    private static func summary(_ summary: EventSummary, of event: AuditEvent, names: any NameResolver, into o: inout JSONWriter) {
        o.member("exe", summary.exe)
        o.member("comm", summary.comm)
        o.member("key", summary.keys.first)
        o.member("keys", strings: summary.keys)
        o.member("syscall", summary.syscall)
        o.member("success", summary.success)
        o.member("exit", summary.exit)
        o.member("pid", summary.pid)
        o.member("ppid", summary.ppid)
        o.member("auid", summary.auid)
        o.member("auid_user", summary.auid.flatMap { auid in
            event.records.lazy.compactMap { $0.isEnriched ? $0.enrichment["AUID"] : nil }.first ?? names.userName(auid)
        })
        o.member("uid", summary.uid)
        o.member("cwd", summary.cwd)
        o.key("paths")
        o.array(summary.paths) { json, path in
            json.object { p in
                p.member("name", path.name)
                p.member("nametype", path.nametype)
            }
        }
        o.key("argv")
        if let argv = summary.argv { o.array(argv) { $0.string($1) } } else { o.null() }
    }

    /// An object whose keys keep their first value (a name repeated in a record keeps its first value).
    /// A record has a few dozen names, most short enough to compare in registers: a list is
    /// cheaper than hashing each into a set.
    private static func object<S: Sequence<(String, String)>>(_ pairs: S, into json: inout JSONWriter) {
        var seen: [String] = []
        seen.reserveCapacity(32)
        json.object { o in
            for (name, value) in pairs where !seen.contains(name) {
                seen.append(name)
                o.member(name, value)
            }
        }
    }
}
