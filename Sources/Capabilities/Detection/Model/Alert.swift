import AuditLog

/// A detection that fired, on one event: where (container or host), who (the login user),
/// which process, and a sentence saying what happened.
public struct Alert: Sendable {
    public var detection: Detection
    /// The event's id, `seconds.milliseconds:serial` as the log has it.
    public var event: EventID
    public var container: Container?
    /// The login user behind the process (its auid), when set.
    public var auid: UInt32?
    public var pid: Int?
    public var exe: String?
    public var argv: [String]?
    /// What happened, in one sentence (without the container and user, which are fields).
    public var summary: String

    /// The container an alert is about.
    public struct Container: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var image: String?
    }

    /// The event's time, in seconds since the epoch.
    public var time: Double { event.time }
}
