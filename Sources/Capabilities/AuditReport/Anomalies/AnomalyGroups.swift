import AuditLog

/// Anomaly events grouped by program and kind, so that the veth interface dockerd puts
/// into promiscuous mode for every container is one line with a count and a time range,
/// not a screenful. Groups whose every event is known to be benign say so (`benign`);
/// nothing is hidden.
public struct AnomalyGroups: Sendable {
    public struct Group: Sendable, Equatable {
        /// The program (exe, else comm; "?" when the records name none).
        public let program: String
        /// The record type's name (`ANOM_PROMISCUOUS`, `ANOM_ABEND`, …).
        public let kind: String
        public internal(set) var count = 0
        public internal(set) var first: EventID
        public internal(set) var last: EventID
        /// The first event of the group, as a sentence.
        public let example: String
        /// Why every event of the group is expected on a Docker host; nil when one is not.
        public internal(set) var benign: String?
    }

    /// In the order first seen.
    public private(set) var groups: [Group] = []
    public private(set) var eventCount = 0
    private var index: [String: Int] = [:]
    private let sentence: EventSentence

    public init(userName: @escaping @Sendable (UInt32) -> String?) {
        sentence = EventSentence(userName: userName)
    }

    /// Counts `event` when it is an anomaly (ANOM_* records from the kernel or user space).
    public mutating func add(_ event: AuditEvent) {
        guard let record = event.records.first(where: {
            MessageType.anomalies.contains($0.type.number) || MessageType.kernelAnomalies.contains($0.type.number)
        }) else { return }
        eventCount += 1
        let facts = EventFacts(event, wanted: .names)
        let program = facts.exe ?? facts.comm ?? "?"
        let kind = record.type.name
        let reason = Self.benignReason(record, program: program, withoutProcess: event.first(.syscall) == nil)
        let key = program + "\u{0}" + kind
        if let slot = index[key] {
            groups[slot].count += 1
            groups[slot].last = event.id
            if reason == nil { groups[slot].benign = nil }
        } else {
            index[key] = groups.count
            groups.append(Group(program: program, kind: kind, count: 1, first: event.id, last: event.id,
                                example: sentence.sentence(for: event), benign: reason))
        }
    }

    /// The anomalies every Docker host logs: dockerd (through the kernel) putting the host end
    /// of a container's veth pair into promiscuous mode when it joins the bridge. The kernel
    /// often logs it with no SYSCALL record (no process, auid unset, uid 0): the same step,
    /// told apart only by the missing process.
    static func benignReason(_ record: AuditRecord, program: String, withoutProcess: Bool) -> String? {
        guard record.type == .anomPromiscuous, record.text(of: "dev")?.hasPrefix("veth") == true else { return nil }
        if program.hasSuffix("/dockerd") || program == "dockerd" { return "dockerd attaching a container's veth interface to its bridge" }
        guard withoutProcess, program == "?", record.value(of: "auid") == "4294967295", record.value(of: "uid") == "0" else { return nil }
        return "a container's veth interface joining a bridge, logged by the kernel without a process"
    }

    /// One line per group: the count, the example sentence, the time range, and the benign mark.
    public func lines() -> [String] {
        groups.map { group in
            var line = group.count == 1 ? group.example : "\(group.count)× \(group.program) \(group.kind), first: \(group.example)"
            if group.count > 1 {
                line += " (\(TimeText.interpretStyle(Int64(group.first.seconds))) – \(TimeText.interpretStyle(Int64(group.last.seconds))))"
            }
            if let benign = group.benign { line += " [known benign: \(benign)]" }
            return line
        }
    }
}
