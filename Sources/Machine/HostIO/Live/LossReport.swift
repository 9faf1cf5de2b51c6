#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every place audit events can be lost on their way to dockaudit, counted in one record:
/// the plugin writes it as its stats line and to its state directory, `follow --stats`
/// prints it, and `check` reads what the plugin left.
public struct LossReport: Codable, Sendable, Equatable {
    /// The kernel's `lost` counter (`auditctl -s`): records it could not queue for auditd.
    public var kernelLost: Int?
    /// Serials missing from the stream, by node (`""` without one): events the kernel
    /// numbered that never arrived.
    public var serialGaps: [String: Int] = [:]
    /// auditd's dispatcher queue to its plugins (from its state report): full at some point,
    /// the deepest it got, and its size (`q_depth`).
    public var dispatcherOverflowed: Bool?
    public var dispatcherMaximumDepth: Int?
    public var dispatcherQueueSize: Int?
    /// Times the plugin started again after an earlier run ended without a clean stop.
    public var pluginRestarts: Int?
    /// The plugin's own queue: bytes spilled to disk, how often it began spilling, bytes
    /// dropped (spill full or disk refused), and bytes an earlier run left and this one read.
    public var spilledBytes = 0
    public var spills = 0
    public var droppedBytes = 0
    public var recoveredBytes = 0
    /// Output a collector did not take and that was dropped.
    public var outputDroppedBytes = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case kernelLost = "kernel_lost", serialGaps = "serial_gaps", dispatcherOverflowed = "dispatcher_overflowed"
        case dispatcherMaximumDepth = "dispatcher_max_depth", dispatcherQueueSize = "dispatcher_queue_size"
        case pluginRestarts = "plugin_restarts", spilledBytes = "spilled_bytes", spills, droppedBytes = "dropped_bytes"
        case recoveredBytes = "recovered_bytes", outputDroppedBytes = "output_dropped_bytes"
    }

    /// Nothing was lost anywhere it can tell (spilling loses nothing).
    public var isClean: Bool {
        (kernelLost ?? 0) == 0 && serialGaps.values.allSatisfy { $0 == 0 } && dispatcherOverflowed != true
            && droppedBytes == 0 && outputDroppedBytes == 0
    }

    /// One line for people: `lost: kernel 0, serial gaps 0, dispatcher no overflow (max 12 of 2000), …`.
    public var text: String {
        let gaps = serialGaps.values.reduce(0, +)
        var parts = ["kernel lost \(kernelLost.map(String.init) ?? "unknown")", "serial gaps \(gaps)"]
        if let dispatcherOverflowed {
            parts.append("dispatcher \(dispatcherOverflowed ? "OVERFLOWED" : "no overflow")"
                         + (dispatcherMaximumDepth.map { " (max depth \($0)" + (dispatcherQueueSize.map { " of \($0))" } ?? ")") } ?? ""))
        }
        if let pluginRestarts { parts.append("plugin restarts \(pluginRestarts)") }
        parts.append("spilled \(spilledBytes) bytes in \(spills) spills, dropped \(droppedBytes + outputDroppedBytes) bytes")
        if recoveredBytes > 0 { parts.append("recovered \(recoveredBytes) bytes from an earlier run") }
        return parts.joined(separator: ", ")
    }

    /// The report as one JSON object.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a report the plugin wrote; nil when the bytes are not one.
    public static func decode(_ bytes: [UInt8]) -> LossReport? {
        try? JSONDecoder().decode(LossReport.self, from: Data(bytes))
    }
}

/// What auditd says of itself in its state report (`/run/auditd.state`, written on SIGCONT
/// since audit 3.0): `name = value` lines.
public struct AuditdState: Sendable, Equatable {
    public var values: [String: String]

    public init(parsing text: String) {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[parts[0].trimmedBlanks()] = parts[1].trimmedBlanks()
        }
        self.values = values
    }

    public var pluginQueueOverflowed: Bool? { values["plugin queue overflow detected"].map { $0 == "yes" } }
    public var pluginQueueMaximumDepth: Int? { values["max plugin queue depth used"].flatMap { Int($0) } }
    public var pluginQueueSize: Int? { values["plugin queue size"].flatMap { Int($0) } }
    public var activePlugins: Int? { values["Number of active plugins"].flatMap { Int($0) } }

    /// Where auditd writes it.
    public static let path = "/run/auditd.state"
}
