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
            o.member("event", event.text)
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

/// SARIF 2.1.0 for CI systems: every detection a rule of the driver, every alert a result
/// (critical and high are errors, medium warnings, low and info notes), with the event,
/// container and user as the result's properties.
public enum AlertSARIF {
    public static func document(_ alerts: [Alert], detections: [Detection], userName: (UInt32) -> String?) -> String {
        let results = alerts.map { alert in
            SARIFWriter.Result(level: level(alert.detection.severity), message: alert.text(userName: userName), ruleID: alert.detection.id) { p in
                p.member("event", alert.event.text)
                p.member("container", alert.container?.name ?? alert.container.map { String($0.id.prefix(12)) })
                p.member("auid", alert.auid)
            }
        }
        let rules = detections.map { detection in
            SARIFWriter.Rule(id: detection.id, description: detection.title) { p in
                p.member("severity", detection.severity.rawValue)
                p.member("tags", strings: detection.mitre)
            }
        }
        return SARIFWriter.document(rules: rules, results: results)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }
}
