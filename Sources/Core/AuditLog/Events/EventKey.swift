/// The grouping key of a record, packed for fast hashing: time in milliseconds,
/// serial, and a hash of the `node=` name (0 when there is none).
struct EventKey: Hashable, Sendable {
    var milliseconds: Int64
    var serial: UInt64
    var node: UInt64

    init(_ id: EventID) {
        milliseconds = id.seconds * 1000 + Int64(id.milliseconds)
        serial = id.serial
        node = id.node.map { EventKey.nodeHash(Array($0.utf8)[...]) } ?? 0
    }

    init(seconds: UInt64, milliseconds: UInt64, serial: UInt64, node: UInt64) {
        self.milliseconds = Int64(bitPattern: seconds &* 1000 &+ milliseconds)
        self.serial = serial
        self.node = node
    }

    var seconds: Int64 { milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000 }

    /// ausearch's order: time, then serial; the node does not count.
    func precedes(_ other: EventKey) -> Bool {
        milliseconds != other.milliseconds ? milliseconds < other.milliseconds : serial < other.serial
    }

    /// FNV-1a of the node name, never 0.
    static func nodeHash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash == 0 ? 1 : hash
    }
}

/// What grouping needs from a record: its key and its type number.
protocol Groupable {
    var groupKey: EventKey { get }
    var typeNumber: Int { get }
}
