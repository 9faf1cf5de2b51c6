import AuditLog
import AuditReport
import ContainerTrace

/// What the detections read from one event, taken apart on the scan's workers so that the
/// delivering thread only places the event and runs the rules.
public struct EventClues: Sendable {
    public let id: EventID
    public let tracked: TrackedEvent
    /// The event's first record's type.
    let type: MessageType
    let syscall: String?
    let success: Bool?
    /// a0…a3 of the SYSCALL record, as numbers.
    let arguments: [UInt64]
    /// The PATH records' names (made absolute with the CWD record) and their nametype.
    let paths: [(name: String, nametype: String)]
    /// Where a connect went: a unix socket's path, or nil for other families.
    let unixSocket: String?
    let connectsToNetwork: Bool
    /// CONFIG_CHANGE's `op` and `audit_enabled`.
    let configOperation: String?
    let auditEnabled: String?
    let process: OwnProcesses.Process?
    /// The first record's `auid=`, for an event without a process (a user-space ADD_USER record).
    let recordAuid: UInt32?
    /// The audit rule's key that recorded the event (`-k`), for allowlists.
    public let key: String?
    /// The Sigma rules (by index in the detector's list) that one of the event's records matched.
    public var sigmaMatches: [Int] = []

    /// Takes the event apart, and matches its records against the Sigma rules.
    public init(_ event: AuditEvent, sigma: SigmaIndex?) {
        self.init(event)
        guard let sigma else { return }
        var matched: [Int] = []
        for record in event.records {
            let candidates = sigma.candidates(forType: record.type.number)
            guard !candidates.isEmpty else { continue }
            let view = SigmaRecord(record)
            for index in candidates where !matched.contains(index) && sigma.rules[index].matches(view) { matched.append(index) }
        }
        sigmaMatches = matched.sorted()
    }

    public init(_ event: AuditEvent) {
        id = event.id
        tracked = TrackedEvent(event)
        key = (event.first(.syscall) ?? event.records.first)?.text(of: "key").flatMap { $0 == "(null)" ? nil : $0 }
        type = event.records.first?.type ?? .syscall
        process = OwnProcesses.process(of: event)
        recordAuid = event.records.first?.value(of: "auid").flatMap { UInt32($0) }
        let record = event.first(.syscall)
        syscall = tracked.syscallName
        success = tracked.success
        arguments = ["a0", "a1", "a2", "a3"].map { record?.value(of: $0).flatMap { UInt64($0, radix: 16) } ?? 0 }
        let cwd = event.first(.cwd)?.text(of: "cwd")
        paths = event.records.filter { $0.type == .path }.compactMap { path in
            guard var name = path.text(of: "name"), name != "(null)" else { return nil }
            if !name.hasPrefix("/"), let cwd { name = cwd + (cwd.hasSuffix("/") ? "" : "/") + name }
            return (name, path.value(of: "nametype") ?? "")
        }
        let endpoint = event.first(.sockaddr)?.value(of: "saddr").flatMap { SocketAddress.endpoint(hex: ArraySlice($0.utf8)) }
        unixSocket = endpoint.flatMap { $0.hasPrefix("the unix socket ") ? String($0.dropFirst(16)) : nil }
        connectsToNetwork = syscall == "connect" && endpoint != nil && unixSocket == nil && success == true
        configOperation = type == .configChange ? event.records.first?.text(of: "op") : nil
        auditEnabled = type == .configChange ? event.records.first?.value(of: "audit_enabled") : nil
    }
}
