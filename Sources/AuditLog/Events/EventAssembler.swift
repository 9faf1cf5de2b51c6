/// Groups `AuditRecord`s into `AuditEvent`s the way ausearch does (see `Coalescer`),
/// and hands out finished events in ausearch's order.
public struct EventAssembler {
    private var coalescer = Coalescer<AuditRecord>()

    /// How many events may be pending before the oldest is forced out.
    public var maximumPending: Int {
        get { coalescer.maximumPending }
        set { coalescer.maximumPending = newValue }
    }

    /// auditd.conf's `end_of_event_timeout`, which ausearch also uses.
    public var timeout: Int64 {
        get { coalescer.timeout }
        set { coalescer.timeout = newValue }
    }

    public init() {}

    private var finished = FinishedEvents<AuditRecord>()

    /// Adds a record; calls `emit` for each event that became ready, oldest first.
    public mutating func add(_ record: AuditRecord, emit: (AuditEvent) throws -> Void) rethrows {
        coalescer.add(record, into: &finished)
        try handOut(emit)
    }

    /// Ends the input: finishes every pending event and emits them in time order.
    public mutating func finish(emit: (AuditEvent) throws -> Void) rethrows {
        coalescer.finish(into: &finished)
        try handOut(emit)
    }

    private mutating func handOut(_ emit: (AuditEvent) throws -> Void) rethrows {
        guard !finished.isEmpty else { return }
        defer { finished.removeAll() }
        try finished.forEach { records in try emit(AuditEvent(id: records.first!.id, records: Array(records))) }
    }
}

extension AuditRecord: Groupable {
    var groupKey: EventKey { EventKey(id) }
    var typeNumber: Int { type.number }
}
