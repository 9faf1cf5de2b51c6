import AuditLog

/// Serial numbers missing from a live stream, per node: the kernel numbers every event it
/// sends, so a serial that never arrives is an event lost on the way (the kernel's backlog,
/// auditd's dispatcher, a plugin's queue).
///
/// Events arrive in time order, which is nearly serial order; a serial that arrives after a
/// higher one is a late arrival, not a loss, and is taken back. auditd's own records
/// (DAEMON_*) are numbered by auditd and left out; a serial far below the highest is a reboot.
public struct SerialGaps: Sendable {
    private struct Node: Sendable {
        var highest: UInt64
        var missing: Set<UInt64> = []
        /// Gaps too wide to keep each serial of.
        var uncounted = 0
    }

    private var nodes: [String: Node] = [:]
    /// The most missing serials kept per node to take back late arrivals.
    static let keptMissing = 100_000

    public init() {}

    /// Notes an emitted event.
    public mutating func observe(_ id: EventID, type: MessageType) {
        guard !(1200...1299).contains(type.number), id.serial > 0 else { return }
        let name = id.node ?? ""
        guard var node = nodes[name] else {
            nodes[name] = Node(highest: id.serial)
            return
        }
        if id.serial > node.highest {
            let gap = id.serial - node.highest - 1
            if gap > 0 {
                if gap <= 10_000 && node.missing.count + Int(gap) <= Self.keptMissing {
                    for serial in (node.highest + 1)..<id.serial { node.missing.insert(serial) }
                } else {
                    node.uncounted += Int(gap)
                }
            }
            node.highest = id.serial
        } else if node.highest - id.serial > 1_000_000 {
            node = Node(highest: id.serial)
        } else {
            node.missing.remove(id.serial)
        }
        nodes[name] = node
    }

    /// Missing serials by node.
    public var counts: [String: Int] { nodes.mapValues { $0.missing.count + $0.uncounted } }
}
