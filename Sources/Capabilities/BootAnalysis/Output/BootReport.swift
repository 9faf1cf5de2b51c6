import AuditLog
#if canImport(Glibc)
import Glibc
#endif

/// Everything `dockaudit boot` reports, for text, JSON and the chart.
public struct BootReport: Sendable {
    public var timing: BootTimingReport?
    /// Why there is no timing (no systemd, no files given).
    package var timingUnavailable: String?
    public var boots: [Boot]
    package var verdicts: [RebootVerdict]
    package var comparison: BootComparison?
    /// Why the audit log said nothing (no boot in it, unreadable), when it did not.
    package var logNote: String?

    public init(timing: BootTimingReport?, timingUnavailable: String?, boots: [Boot], verdicts: [RebootVerdict],
                comparison: BootComparison?, logNote: String?) {
        self.timing = timing
        self.timingUnavailable = timingUnavailable
        self.boots = boots
        self.verdicts = verdicts
        self.comparison = comparison
        self.logNote = logNote
    }

    public var hasSuspiciousReboot: Bool { verdicts.contains(where: \.suspicious) }

    static func date(_ seconds: Double) -> String {
        var time = time_t(seconds)
        var local = tm()
        localtime_r(&time, &local)
        var buffer = [CChar](repeating: 0, count: 64)
        strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &local)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func text() -> String {
        var lines: [String] = []
        func say(_ line: String) { lines.append(Escaping.terminal(line)) }
        say("Boot timing")
        if let report = timing {
            let timing = report.timing
            if timing.notFinished { say("  the boot is not finished yet (systemd-analyze: Bootup is not yet finished)") }
            if let total = timing.total {
                say("  total \(Timespan.text(total)) = " + timing.parts.map { "\(Timespan.text($0.seconds)) (\($0.name))" }.joined(separator: " + "))
            }
            if let target = timing.target {
                say(timing.targetNeverReached ? "  \(target) was never reached"
                    : "  \(target) reached after \(Timespan.text(timing.targetReachedAfter ?? 0)) in userspace")
            }
            if !report.top.isEmpty {
                say("  slowest units" + (timing.userspace == nil ? ":" : " (time as a share of userspace startup; units run in parallel):"))
                for unit in report.top {
                    let share = unit.share.map { fixed($0 * 100, digits: 1) + "%" } ?? (unit.outlastsStartup ? "ran on after startup" : "")
                    let time = Timespan.text(unit.seconds)
                    say("    " + time + String(repeating: " ", count: max(1, 10 - time.count))
                        + String(repeating: " ", count: max(0, 6 - share.count)) + share + "  \(unit.unit)"
                        + (unit.securityRelevant ? "   [security]" : ""))
                }
            }
            let named = report.securityUnits.map { "\($0.unit) \(Timespan.text($0.seconds))" }
            if !named.isEmpty { say("  security units: " + named.joined(separator: ", ")) }
            switch report.auditdBeforeDocker {
            case true?: say("  auditd comes up before docker and containerd: yes (" + report.orderEvidence.joined(separator: ", ") + ")")
            case false?: say("  auditd comes up before docker and containerd: NO (" + report.orderEvidence.joined(separator: ", ") + "): their first events are not audited")
            case nil: if !report.orderEvidence.isEmpty { say("  " + report.orderEvidence.joined(separator: "; ")) }
            }
            for problem in timing.unreadable.prefix(5) { say("  skipped line \(problem)") }
        } else {
            say("  " + (timingUnavailable ?? "no timing"))
        }
        say("")
        say("Boots in the audit log (\(boots.count))")
        if let logNote { say("  " + logNote) }
        for boot in boots {
            say("  boot \(boot.number)  \(Self.date(boot.start)) – \(Self.date(boot.end))  marked by \(boot.markers.joined(separator: ", "))")
            if let started = boot.auditdStarted {
                say("    auditd started +\(Timespan.text(max(0, started - boot.start))); \(boot.recordsBeforeAuditd) records from before it were kept"
                    + (boot.recordsBeforeAuditd > 0 ? " (audit=1 backlog at work)" : " (none: audit=1 missing, or a small backlog)"))
            } else {
                say("    no auditd start in the log for this boot")
            }
            let started = boot.services.filter(\.started).count, stopped = boot.services.count - started
            say("    services: \(started) started, \(stopped) stopped" + (boot.failedUnits.isEmpty ? "" : "; failed: " + boot.failedUnits.joined(separator: ", ")))
            for restart in boot.auditdRestarts { say("    auditd started again at \(Self.date(restart)) (a restart within this boot)") }
            if !boot.losses.isEmpty {
                say("    lost events: " + boot.losses.map { "\($0.what) at \(Self.date($0.time))" }.joined(separator: ", "))
            }
            say("    ended: " + (boot.shutdownMarkers.isEmpty ? "no shutdown recorded" : boot.shutdownMarkers.joined(separator: ", ")))
        }
        if !verdicts.isEmpty {
            say("")
            say("Reboots")
            for verdict in verdicts {
                say("  boot \(verdict.boot) at \(Self.date(verdict.at)): " + (verdict.suspicious ? "SUSPICIOUS" : "ok"))
                for reason in verdict.reasons { say("    - " + reason) }
            }
        }
        if let comparison {
            say("")
            say("Boot \(comparison.first) against boot \(comparison.second)")
            say("  new units: " + (comparison.newUnits.isEmpty ? "none" : comparison.newUnits.joined(separator: ", ")))
            say("  gone units: " + (comparison.goneUnits.isEmpty ? "none" : comparison.goneUnits.joined(separator: ", ")))
            if comparison.slower.isEmpty { say("  much slower: none") }
            for unit in comparison.slower {
                say("  much slower: \(unit.unit) started +\(Timespan.text(unit.before)) → +\(Timespan.text(unit.after))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: `total_seconds`, `parts` (name → seconds), `top` (unit, seconds, share, security),
    /// then the boots, the reboots' verdicts and the comparison (docs/boot.md).
    public func json() -> String {
        var object: [String: JSONValue] = [:]
        if let report = timing {
            object["total_seconds"] = .optional(report.timing.total)
            object["parts"] = .object(Dictionary(report.timing.parts.map { ($0.name, JSONValue.number($0.seconds)) }, uniquingKeysWith: { $1 }))
            object["top"] = .array(report.top.map {
                .object(["unit": .string($0.unit), "seconds": .number($0.seconds), "share": .optional($0.share),
                         "outlasts_startup": .bool($0.outlastsStartup),
                         "security": .bool($0.securityRelevant)])
            })
            object["target"] = .optional(report.timing.target)
            object["target_reached_after"] = .optional(report.timing.targetReachedAfter)
            object["target_never_reached"] = .bool(report.timing.targetNeverReached)
            object["finished"] = .bool(!report.timing.notFinished)
            object["security_units"] = .array(report.securityUnits.map { .object(["unit": .string($0.unit), "seconds": .number($0.seconds)]) })
            object["auditd_before_docker"] = report.auditdBeforeDocker.map(JSONValue.bool) ?? .null
            object["skipped_lines"] = .array(report.timing.unreadable.map(JSONValue.string))
        } else {
            object["total_seconds"] = .null
            object["parts"] = .object([:])
            object["top"] = .array([])
            object["timing_unavailable"] = .optional(timingUnavailable)
        }
        object["boots"] = .array(boots.map { boot in
            .object(["number": .integer(boot.number), "start": .number(boot.start), "end": .number(boot.end),
                     "markers": .strings(boot.markers), "auditd_started": .optional(boot.auditdStarted),
                     "records_before_auditd": .integer(boot.recordsBeforeAuditd),
                     "services_started": .integer(boot.services.filter(\.started).count),
                     "services_stopped": .integer(boot.services.filter { !$0.started }.count),
                     "failed_units": .strings(boot.failedUnits), "lost": .array(boot.losses.map { .object(["what": .string($0.what), "time": .number($0.time)]) }),
                     "auditd_restarts": .array(boot.auditdRestarts.map(JSONValue.number)),
                     "shutdown": .strings(boot.shutdownMarkers), "clean_shutdown": .bool(boot.cleanShutdown),
                     "rule_changes": .integer(boot.ruleChanges.count)])
        })
        object["reboots"] = .array(verdicts.map {
            .object(["boot": .integer($0.boot), "at": .number($0.at), "suspicious": .bool($0.suspicious), "reasons": .strings($0.reasons)])
        })
        if let comparison {
            object["comparison"] = .object([
                "first": .integer(comparison.first), "second": .integer(comparison.second),
                "new": .strings(comparison.newUnits), "gone": .strings(comparison.goneUnits),
                "slower": .array(comparison.slower.map { .object(["unit": .string($0.unit), "before": .number($0.before), "after": .number($0.after)]) }),
            ])
        }
        return JSONValue.object(object).text() + "\n"
    }
}
