/// The records that share one `EventID`, in the order they were read.
public struct AuditEvent: Sendable {
    public let id: EventID
    public private(set) var records: [AuditRecord]

    public init(id: EventID, records: [AuditRecord]) {
        self.id = id
        self.records = records
    }

    mutating func append(_ record: AuditRecord) { records.append(record) }

    /// The first record of the given type, if any.
    public func first(_ type: MessageType) -> AuditRecord? { records.first { $0.type == type } }
}
