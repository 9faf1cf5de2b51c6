/// The identity of an audit event: the `timestamp:serial` in `msg=audit(…)`,
/// plus the `node=` name when the log carries one.
///
/// Records that share an `EventID` belong to the same event, exactly as
/// ausearch groups them.
public struct EventID: Hashable, Comparable, Sendable {
    /// Seconds since the epoch.
    public var seconds: Int64
    /// Milliseconds within the second.
    package var milliseconds: Int32
    /// The kernel's (or the user-space sender's) serial number.
    public var serial: UInt64
    /// The `node=` prefix of the records, or nil when there is none.
    public var node: String?

    public init(seconds: Int64, milliseconds: Int32, serial: UInt64, node: String? = nil) {
        self.seconds = seconds
        self.milliseconds = milliseconds
        self.serial = serial
        self.node = node
    }

    /// Orders by time, then serial, ignoring the node (as ausearch does).
    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        if lhs.seconds != rhs.seconds { return lhs.seconds < rhs.seconds }
        if lhs.milliseconds != rhs.milliseconds { return lhs.milliseconds < rhs.milliseconds }
        return lhs.serial < rhs.serial
    }

    /// Seconds since the epoch, milliseconds included.
    public var time: Double { Double(seconds) + Double(milliseconds) / 1000 }

    /// `1700000000.123:42`, as written in the log.
    public var text: String {
        let ms = String(milliseconds)
        return "\(seconds).\(String(repeating: "0", count: max(0, 3 - ms.count)))\(ms):\(serial)"
    }
}
