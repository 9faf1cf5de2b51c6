/// ausearch's selection options. Every option that is set must hold (they are ANDed);
/// string options match as substrings unless `exactMatch` is set (ausearch `-w`).
public struct SearchCriteria: Sendable {
    /// `-ua`: the uid, euid or auid (any of them).
    public var anyUser: Int64?
    public var uid: Int64?
    public var euid: Int64?
    /// `-ul`: the login user (auid), kept after su and sudo.
    public var auid: Int64?
    /// `-ga`: the gid or egid.
    public var anyGroup: Int64?
    public var gid: Int64?
    public var egid: Int64?
    public var pid: Int64?
    public var ppid: Int64?
    public var session: Int64?
    /// `-sc`: a syscall number (names are resolved per arch by the caller through `SyscallTable`).
    public var syscall: Int64?
    /// `-sc NAME`: resolved against each event's own arch.
    public var syscallName: String?
    public var success: Bool?
    public var exit: Int64?
    /// `-a`: the event serial.
    public var eventSerial: UInt64?
    /// `-m`: record types; an event matches when any record has one of them.
    public var messageTypes: Set<Int>?
    public var key: String?
    public var exe: String?
    public var comm: String?
    public var file: String?
    public var hostname: String?
    public var terminal: String?
    public var nodes: [String]?
    /// `-ts`, in seconds since the epoch (inclusive).
    public var start: Int64?
    /// `-te`, in seconds since the epoch (inclusive).
    public var end: Int64?
    public var exactMatch = false

    public init() {}

    /// True when a record at this time can belong to a selected event; used before grouping,
    /// as ausearch drops out-of-range records before it groups them.
    public func admits(seconds: Int64) -> Bool {
        if let start, seconds < start { return false }
        if let end, seconds > end { return false }
        return true
    }

    /// Whether the event meets every criterion.
    public func matches(_ event: AuditEvent) -> Bool {
        if let eventSerial, event.id.serial != eventSerial { return false }
        if let nodes {
            guard let node = event.id.node, nodes.contains(node) else { return false }
        }
        if let types = messageTypes, !event.records.contains(where: { types.contains($0.type.number) }) {
            return false
        }
        if !needsFacts { return true }
        let facts = EventFacts(event)
        if let anyUser, facts.uid != anyUser, facts.euid != anyUser, facts.auid != anyUser,
           facts.anomalyUID != anyUser { return false }
        if let uid, facts.uid != uid { return false }
        if let euid, facts.euid != euid { return false }
        if let auid, facts.auid != auid { return false }
        if let anyGroup, facts.gid != anyGroup, facts.egid != anyGroup { return false }
        if let gid, facts.gid != gid { return false }
        if let egid, facts.egid != egid { return false }
        if let pid, facts.pid != pid { return false }
        if let ppid, facts.ppid != ppid { return false }
        if let session, facts.session != session { return false }
        if let syscall, facts.syscall != syscall { return false }
        if let syscallName {
            guard let number = facts.syscall,
                  SyscallTable.name(of: Int(number), arch: facts.arch) == syscallName else { return false }
        }
        if let success, facts.success != success { return false }
        if let exit, facts.exit != exit { return false }
        if let exe, !text(exe, in: facts.exe) { return false }
        if let comm, !text(comm, in: facts.comm) { return false }
        if let hostname, !text(hostname, in: facts.hostname) { return false }
        if let terminal, !text(terminal, in: facts.terminal) { return false }
        if let key, !facts.keys.contains(where: { text(key, in: $0) }) { return false }
        if let file {
            guard facts.files.contains(where: { text(file, in: $0) }) || text(file, in: facts.cwd) else { return false }
        }
        return true
    }

    private var needsFacts: Bool {
        anyUser != nil || uid != nil || euid != nil || auid != nil || anyGroup != nil || gid != nil
            || egid != nil || pid != nil || ppid != nil || session != nil || syscall != nil
            || syscallName != nil || success != nil || exit != nil || exe != nil || comm != nil
            || hostname != nil || terminal != nil || key != nil || file != nil
    }

    private func text(_ needle: String, in haystack: String?) -> Bool {
        guard let haystack else { return false }
        return exactMatch ? haystack == needle : (needle.isEmpty || haystack.contains(needle))
    }
}
