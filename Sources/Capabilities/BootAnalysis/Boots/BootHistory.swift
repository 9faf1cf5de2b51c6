import AuditLog

/// One boot of the host as its audit log tells it.
public struct Boot: Sendable {
    /// 1 for the first boot in the log.
    public var number: Int
    /// The time of the boot's first record (seconds since the epoch).
    public var start: Double
    public var end: Double
    /// What marked the boot: `KERNEL`, `SYSTEM_BOOT`, `DAEMON_START`, or `serial reset`.
    package var markers: [String] = []
    /// When auditd started (DAEMON_START), if it did.
    package var auditdStarted: Double?
    /// Records from before auditd started, kept in the kernel's backlog (audit=1 at work).
    package var recordsBeforeAuditd = 0
    package var services: [ServiceEvent] = []
    /// How the boot ended: `SYSTEM_SHUTDOWN`, `SYSTEM_RUNLEVEL 0`/`6`, `DAEMON_END`; empty when it just stopped.
    package var shutdownMarkers: [String] = []
    /// Rule changes (CONFIG_CHANGE add_rule/remove_rule), as `op key list`.
    var ruleChanges: [String] = []
    /// `audit_enabled=0` set during the boot, with when.
    package var auditDisabledAt: [Double] = []
    /// Stretches when auditd was stopped while the host ran (DAEMON_END, later DAEMON_START).
    package var auditdGaps: [(from: Double, to: Double)] = []
    /// Records that report lost events or daemon failures: auditd aborting, resuming after
    /// it had suspended logging, a daemon error, or a `lost=` count (a rotation is not a loss).
    package var losses: [(what: String, time: Double)] = []
    /// Later DAEMON_STARTs within the boot: auditd was restarted (or killed and started).
    package var auditdRestarts: [Double] = []
    var recordCount = 0

    /// Units that failed to start or stop (`res=failed`).
    package var failedUnits: [String] {
        var seen: [String] = []
        for service in services where !service.succeeded && !seen.contains(service.unit) { seen.append(service.unit) }
        return seen
    }

    /// systemd (or init) recorded the shutdown: SYSTEM_SHUTDOWN or a change to runlevel 0 or 6.
    package var cleanShutdown: Bool { shutdownMarkers.contains { $0 != "DAEMON_END" } }
    /// auditd stopped (DAEMON_END) and the boot ended without a recorded shutdown.
    var auditdStoppedAtEnd: Bool { shutdownMarkers == ["DAEMON_END"] }
}

/// A SERVICE_START or SERVICE_STOP record.
package struct ServiceEvent: Sendable, Equatable {
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
        let time = event.id.time
        if time < lastTime - 60 { outOfOrder += 1 }
        let types = Set(event.records.map(\.type))
        let isDaemon = types.contains(where: { MessageType.daemonMessages.contains($0.number) })
        var newBoot: [String]?
        if boots.isEmpty {
            newBoot = [types.contains(.kernel) ? "KERNEL" : types.contains(.systemBoot) ? "SYSTEM_BOOT" : types.contains(.daemonStart) ? "DAEMON_START" : "log start"]
        } else if types.contains(.kernel), event.records.contains(where: { $0.value(of: "state") == "initialized" }) {
            newBoot = ["KERNEL"]
        } else if types.contains(.daemonStart), !boots[boots.count - 1].shutdownMarkers.isEmpty {
            newBoot = ["DAEMON_START"]
        } else if types.contains(.systemBoot), boots[boots.count - 1].markers.contains("SYSTEM_BOOT") {
            newBoot = ["SYSTEM_BOOT"]
        } else if !isDaemon, lastSerial > 200, event.id.serial < lastSerial / 4 {
            newBoot = ["serial reset"]
        }
        if types.contains(.daemonStart), newBoot == nil, daemonEndAt != nil {
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
            record(pending, types: [.daemonStart], time: seconds(pending))
        }
        if let markers = newBoot {
            finishGap()
            boots.append(Boot(number: boots.count + 1, start: time, end: time, markers: markers))
        }
        if !isDaemon { lastSerial = event.id.serial }
        lastTime = max(lastTime, time)
        record(event, types: types, time: time)
    }

    private func seconds(_ event: AuditEvent) -> Double { event.id.time }

    private mutating func record(_ event: AuditEvent, types: Set<MessageType>, time: Double) {
        var boot = boots.removeLast()
        defer { boots.append(boot) }
        boot.end = max(boot.end, time)
        boot.recordCount += event.records.count
        if !types.contains(.daemonStart), boot.auditdStarted.map({ time < $0 }) ?? true { boot.recordsBeforeAuditd += event.records.count }
        for record in event.records {
            switch record.type {
            case .daemonStart:
                if boot.auditdStarted == nil { boot.auditdStarted = time } else { boot.auditdRestarts.append(time) }
                if let stopped = daemonEndAt { boot.auditdGaps.append((stopped, time)); daemonEndAt = nil }
                if !boot.markers.contains("DAEMON_START") { boot.markers.append("DAEMON_START") }
            case .systemBoot:
                if !boot.markers.contains("SYSTEM_BOOT") { boot.markers.append("SYSTEM_BOOT") }
            case .systemShutdown:
                boot.shutdownMarkers.append("SYSTEM_SHUTDOWN")
            case .systemRunlevel:
                if let level = record.fields.first(where: { $0.name == "new-level" })?.value, level == "0" || level == "6" {
                    boot.shutdownMarkers.append("SYSTEM_RUNLEVEL \(level)")
                }
            case .daemonEnd:
                daemonEndAt = time
            case .serviceStart, .serviceStop:
                let fields = record.fields
                if let unit = fields.first(where: { $0.name == "unit" })?.value {
                    let result = fields.last { $0.name == "res" }?.value
                    boot.services.append(ServiceEvent(time: time, unit: unit, started: record.type == .serviceStart,
                                                      succeeded: result == "success" || result == "1"))
                }
            case .configChange:
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
            case .daemonAbort, .daemonResume, .daemonErr:
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
            record(pending, types: [.daemonStart], time: seconds(pending))
        }
        finishGap()
    }
}
