import AuditLog

/// One boot of the host as its audit log tells it.
public struct Boot: Sendable {
    /// 1 for the first boot in the log.
    public var number: Int
    /// The time of the boot's first record (seconds since the epoch).
    public var start: Double
    public var end: Double
    /// What marked the boot: `KERNEL`, `SYSTEM_BOOT`, `DAEMON_START`, or `serial reset`.
    public var markers: [String] = []
    /// When auditd started (DAEMON_START), if it did.
    public var auditdStarted: Double?
    /// Records from before auditd started, kept in the kernel's backlog (audit=1 at work).
    public var recordsBeforeAuditd = 0
    public var services: [ServiceEvent] = []
    /// How the boot ended: `SYSTEM_SHUTDOWN`, `SYSTEM_RUNLEVEL 0`/`6`, `DAEMON_END`; empty when it just stopped.
    public var shutdownMarkers: [String] = []
    /// Rule changes (CONFIG_CHANGE add_rule/remove_rule), as `op key list`.
    public var ruleChanges: [String] = []
    /// `audit_enabled=0` set during the boot, with when.
    public var auditDisabledAt: [Double] = []
    /// Stretches when auditd was stopped while the host ran (DAEMON_END, later DAEMON_START).
    public var auditdGaps: [(from: Double, to: Double)] = []
    /// Records that report lost events or daemon failures: auditd aborting, resuming after
    /// it had suspended logging, a daemon error, or a `lost=` count (a rotation is not a loss).
    public var losses: [(what: String, time: Double)] = []
    /// Later DAEMON_STARTs within the boot: auditd was restarted (or killed and started).
    public var auditdRestarts: [Double] = []
    public var recordCount = 0

    /// Units that failed to start or stop (`res=failed`).
    public var failedUnits: [String] {
        var seen: [String] = []
        for service in services where !service.succeeded && !seen.contains(service.unit) { seen.append(service.unit) }
        return seen
    }

    /// systemd (or init) recorded the shutdown: SYSTEM_SHUTDOWN or a change to runlevel 0 or 6.
    public var cleanShutdown: Bool { shutdownMarkers.contains { $0 != "DAEMON_END" } }
    /// auditd stopped (DAEMON_END) and the boot ended without a recorded shutdown.
    public var auditdStoppedAtEnd: Bool { shutdownMarkers == ["DAEMON_END"] }
}

/// A SERVICE_START or SERVICE_STOP record.
public struct ServiceEvent: Sendable, Equatable {
    public var time: Double
    public var unit: String
    public var started: Bool
    public var succeeded: Bool
}

/// Splits a log's events into boots: a new boot begins at the kernel's `state=initialized`
/// record, at auditd's start after a shutdown, at a second SYSTEM_BOOT, or where the
/// kernel's serial numbers start again from a low value.
public struct BootHistory: Sendable {
    public private(set) var boots: [Boot] = []
    /// Events seen in total, and events more than a minute older than one before them (the
    /// kernel's backlog, written after auditd starts, is only seconds older).
    public private(set) var eventCount = 0
    public private(set) var outOfOrder = 0
    private var lastSerial: UInt64 = 0
    private var lastTime: Double = 0
    private var daemonEndAt: Double?
    private var restartPending: AuditEvent?

    public init() {}

    public init(events: [AuditEvent]) {
        for event in events { add(event) }
        finish()
    }

    public mutating func add(_ event: AuditEvent) {
        eventCount += 1
        let time = Double(event.id.seconds) + Double(event.id.milliseconds) / 1000
        if time < lastTime - 60 { outOfOrder += 1 }
        let types = Set(event.records.map(\.type.number))
        let isDaemon = types.contains(where: { (1200...1299).contains($0) })
        var newBoot: [String]?
        if boots.isEmpty {
            newBoot = [types.contains(2000) ? "KERNEL" : types.contains(1127) ? "SYSTEM_BOOT" : types.contains(1200) ? "DAEMON_START" : "log start"]
        } else if types.contains(2000), event.records.contains(where: { $0.value(of: "state") == "initialized" }) {
            newBoot = ["KERNEL"]
        } else if types.contains(1200), !boots[boots.count - 1].shutdownMarkers.isEmpty {
            newBoot = ["DAEMON_START"]
        } else if types.contains(1127), boots[boots.count - 1].markers.contains("SYSTEM_BOOT") {
            newBoot = ["SYSTEM_BOOT"]
        } else if !isDaemon, lastSerial > 200, event.id.serial < lastSerial / 4 {
            newBoot = ["serial reset"]
        }
        if types.contains(1200), newBoot == nil, daemonEndAt != nil {
            // auditd stopped and started again: a reboot if the kernel's serials start over next.
            restartPending = event
            return
        }
        if let pending = restartPending {
            restartPending = nil
            if let marker = newBoot {
                finishGap()
                boots.append(Boot(number: boots.count + 1, start: seconds(pending), end: seconds(pending),
                                  markers: ["DAEMON_START"] + marker))
                newBoot = nil
            }
            record(pending, types: [1200], time: seconds(pending))
        }
        if let markers = newBoot {
            finishGap()
            boots.append(Boot(number: boots.count + 1, start: time, end: time, markers: markers))
        }
        if !isDaemon { lastSerial = event.id.serial }
        lastTime = max(lastTime, time)
        record(event, types: types, time: time)
    }

    private func seconds(_ event: AuditEvent) -> Double { Double(event.id.seconds) + Double(event.id.milliseconds) / 1000 }

    private mutating func record(_ event: AuditEvent, types: Set<Int>, time: Double) {
        var boot = boots.removeLast()
        defer { boots.append(boot) }
        boot.end = max(boot.end, time)
        boot.recordCount += event.records.count
        if !types.contains(1200), boot.auditdStarted.map({ time < $0 }) ?? true { boot.recordsBeforeAuditd += event.records.count }
        for record in event.records {
            switch record.type.number {
            case 1200:
                if boot.auditdStarted == nil { boot.auditdStarted = time } else { boot.auditdRestarts.append(time) }
                if let stopped = daemonEndAt { boot.auditdGaps.append((stopped, time)); daemonEndAt = nil }
                if !boot.markers.contains("DAEMON_START") { boot.markers.append("DAEMON_START") }
            case 1127:
                if !boot.markers.contains("SYSTEM_BOOT") { boot.markers.append("SYSTEM_BOOT") }
            case 1128:
                boot.shutdownMarkers.append("SYSTEM_SHUTDOWN")
            case 1129:
                if let level = record.fields.first(where: { $0.name == "new-level" })?.value, level == "0" || level == "6" {
                    boot.shutdownMarkers.append("SYSTEM_RUNLEVEL \(level)")
                }
            case 1201:
                daemonEndAt = time
            case 1130, 1131:
                let fields = record.fields
                if let unit = fields.first(where: { $0.name == "unit" })?.value {
                    let result = fields.last { $0.name == "res" }?.value
                    boot.services.append(ServiceEvent(time: time, unit: unit, started: record.type.number == 1130,
                                                      succeeded: result == "success" || result == "1"))
                }
            case 1305:
                let fields = record.fields
                let op = fields.first { $0.name == "op" }?.value
                if op == "add_rule" || op == "remove_rule" {
                    let key = fields.first { $0.name == "key" }?.value ?? "(null)"
                    let list = fields.first { $0.name == "list" }?.value ?? "?"
                    boot.ruleChanges.append("\(op!) key=\(key) list=\(list)")
                }
                if let enabled = fields.first(where: { $0.name == "audit_enabled" })?.value, enabled == "0" {
                    boot.auditDisabledAt.append(time)
                }
            case 1202, 1206, 1209:   // DAEMON_ABORT, DAEMON_RESUME, DAEMON_ERR
                boot.losses.append((record.type.name, time))
            default:
                break
            }
            if let lost = record.fields.first(where: { $0.name == "lost" })?.value, let count = Int(lost), count > 0 {
                boot.losses.append(("\(record.type.name): lost=\(count)", time))
            }
        }
    }

    /// A DAEMON_END that was the boot's last word is a shutdown, not a gap.
    private mutating func finishGap() {
        if daemonEndAt != nil, !boots.isEmpty { boots[boots.count - 1].shutdownMarkers.append("DAEMON_END") }
        daemonEndAt = nil
    }

    public mutating func finish() {
        if let pending = restartPending {
            restartPending = nil
            record(pending, types: [1200], time: seconds(pending))
        }
        finishGap()
    }
}
