import AuditLog

extension Alert {
    /// One line for people: when, how serious, what, where and who.
    public func text(userName: (UInt32) -> String?) -> String {
        let place = container.map { "in container " + ($0.name ?? String($0.id.prefix(12))) + ($0.image.map { " (\($0))" } ?? "") }
            ?? "on the host"
        let who = auid.map { "by " + (userName($0) ?? "auid \($0)") } ?? "by no login user"
        let line = "\(TimeText.interpretStyle(event.seconds)) \(detection.severity.rawValue.uppercased()) \(detection.id): \(summary), "
            + "\(place), \(who) (event \(event.serial))"
        return Escaping.terminal(line)
    }

    /// One JSON object (docs/detect.md): rule, title, severity, mitre, time, event, node,
    /// container, actor, process, summary.
    public func json(userName: (UInt32) -> String?) -> String {
        var json = JSONWriter()
        json.object { o in
            o.member("rule", detection.id)
            o.member("title", detection.title)
            o.member("severity", detection.severity.rawValue)
            o.member("mitre", strings: detection.mitre)
            o.member("time", time)
            o.member("event", "\(event.seconds).\(String(1000 + Int(event.milliseconds)).dropFirst()):\(event.serial)")
            o.member("node", event.node)
            o.key("container")
            if let container {
                o.object { c in
                    c.member("id", container.id)
                    c.member("name", container.name)
                    c.member("image", container.image)
                }
            } else {
                o.null()
            }
            o.key("actor")
            if let auid {
                o.object { a in
                    a.member("auid", auid)
                    a.member("user", userName(auid))
                }
            } else {
                o.null()
            }
            o.key("process")
            o.object { p in
                p.member("pid", pid)
                p.member("exe", exe)
                p.key("argv")
                if let argv { p.array(argv) { $0.string($1) } } else { p.null() }
            }
            o.member("summary", summary)
        }
        return json.text()
    }
}
