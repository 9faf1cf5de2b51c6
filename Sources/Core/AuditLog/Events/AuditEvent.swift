/// The records that share one `EventID`, in the order they were read.
public struct AuditEvent: Sendable {
    public let id: EventID
    package let records: [AuditRecord]

    public init(id: EventID, records: [AuditRecord]) {
        self.id = id
        self.records = records
    }

    /// The first record of the given type, if any.
    public func first(_ type: MessageType) -> AuditRecord? { records.first { $0.type == type } }
}
