/// Reads audit logs into events: lines → records → grouped events, in ausearch's order.
/// Every event is delivered; `EventStream` with needles delivers only those that may match.
///
/// Malformed lines are skipped and counted in `diagnostics`; the scan never stops for them.
public struct LogScanner {
    public private(set) var diagnostics = Diagnostics()
    /// Keeps only records whose second is in this range, before grouping (as ausearch applies `-ts`/`-te`).
    public var timeRange: ClosedRange<Int64>?

    public init() {}

    /// Reads `files` in order as one stream and calls `emit` with each finished event.
    /// An event made only of EOE records carries nothing and is dropped, as ausearch drops it.
    public mutating func scan(files: [String], emit: (AuditEvent) throws -> Void) throws {
        var stream = EventStream()
        stream.timeRange = timeRange
        defer { diagnostics = stream.diagnostics }
        try stream.scan(files: files, emit: emit)
    }

    /// Reads in-memory text (for tests and small inputs).
    public static func events(in text: String) -> [AuditEvent] {
        var assembler = EventAssembler()
        var events: [AuditEvent] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if case .success(let record) = RecordParser.parse(String(line)) {
                assembler.add(record) { events.append($0) }
            }
        }
        assembler.finish { events.append($0) }
        return events
    }
}
