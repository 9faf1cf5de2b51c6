import AuditLog

/// One cell of a report row, kept typed so text (aureport's spelling) and JSON (typed
/// values) each write it their own way.
public enum ReportValue: Sendable, Equatable {
    /// Text from the log; `missing` is what aureport prints when the event lacks it (`?` or `(null)`).
    case text(String?, missing: String)
    /// A login uid or uid: the number as logged (`-1` unset), a name with interpretation.
    case user(Int32?)
    /// A syscall number with the event's architecture, named with interpretation.
    case syscall(Int64?, arch: UInt32?)
    /// `yes`, `no`, or unset.
    case success(Bool?)
    /// A record type, always by name.
    case recordType(Int)
    /// A process id as aureport prints it (unsigned).
    case pid(Int64?)
    /// The event serial.
    case serial(UInt64)
}

/// One line of a detailed report: the event's time, then the report's cells.
public struct ReportRow: Sendable {
    public let id: EventID
    let cells: [ReportValue]
}
