import CGlibcExtras

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
    package var syscallName: String?
    public var success: Bool?
    public var exit: Int64?
    /// `-a`: the event serial.
    package var eventSerial: UInt64?
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

    /// The seconds `-ts`/`-te` admit, or nil when neither is given.
    package var timeRange: ClosedRange<Int64>? {
        guard start != nil || end != nil else { return nil }
        let from = start ?? .min, to = end ?? .max
        return from <= to ? from...to : Int64.max...Int64.max   // -ts after -te admits nothing
    }

    /// `matches` with `-ts`/`-te` too, for a scan that reads every event (its stream does not
    /// drop records by time, so a container's older launch is still seen).
    package func matchesInTime(_ event: AuditEvent) -> Bool {
        (timeRange.map { $0.contains(event.id.seconds) } ?? true) && matches(event)
    }

    /// Whether the event meets every criterion. `needleProven` says the event holds a line
    /// where `needle` (with a proof) was found, so the criterion it proves is not checked again.
    public func matches(_ event: AuditEvent, needleProven: Bool = false) -> Bool {
        if let eventSerial, event.id.serial != eventSerial { return false }
        if let nodes {
            guard let node = event.id.node, nodes.contains(node) else { return false }
        }
        if let types = messageTypes, !event.records.contains(where: { types.contains($0.type.number) }) {
            return false
        }
        let keyProven = needleProven && key != nil && !(key?.isEmpty ?? true)
        var wanted = wantedFacts
        if keyProven { wanted.remove(.keys) }
        if wanted.isEmpty { return true }
        let facts = EventFacts(event, wanted: wanted)
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
        if let key, !keyProven, !facts.keys.contains(where: { text(key, in: $0) }) { return false }
        if let file {
            guard facts.files.contains(where: { text(file, in: $0) }) || text(file, in: facts.cwd) else { return false }
        }
        return true
    }

    /// What every matching event contains in at least one line: one of the needle's byte
    /// strings, inside the value of one of its fields. The search reads only events that
    /// hold one. Nil when no criterion gives a needle (`-hn`, for one, also matches decoded
    /// socket addresses). Text criteria give their text and its hex form (the kernel's
    /// encoding of unsafe strings); id criteria give the number.
    package var needle: Needle? {
        func text(_ value: String, _ fields: [String], _ types: [ClosedRange<Int>]? = nil) -> Needle {
            let plain = Array(value.utf8)
            let digits = Array("0123456789ABCDEF".utf8)
            let hex = plain.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }
            return Needle(strings: [plain, hex], fields: fields, recordTypes: types)
        }
        // Ids sit in SYSCALL, LOGIN and user records, never in the records that follow a
        // SYSCALL (PATH, CWD, EXECVE, SOCKADDR, BPRM_FCAPS, PROCTITLE, EOE).
        func id(_ value: Int64, _ fields: [String]) -> Needle {
            var needle = Needle(strings: [Array("\(value)".utf8)], fields: fields)
            needle.skippedTypes = EventFacts.recordsWithoutIds
            needle.startsValue = true
            return needle
        }
        // Rule keys are logged in SYSCALL, CONFIG_CHANGE and URINGOP records, and may be in user messages.
        if let key, !key.isEmpty {
            var needle = text(key, ["key"], [MessageType.syscall, .configChange, .uringop].map { $0.number...$0.number }
                                  + [MessageType.userMessages, MessageType.userMessages2])
            needle.proof = (Array(key.utf8), exactMatch)
            needle.lastFieldIn = MessageType.syscall.number
            return needle
        }
        if let exe, !exe.isEmpty { return text(exe, ["exe"]) }
        if let comm, !comm.isEmpty { return text(comm, ["comm"]) }
        if let file, !file.isEmpty { return text(file, ["name", "cwd", "path"]) }
        if let terminal, !terminal.isEmpty { return text(terminal, ["terminal", "tty"]) }
        if let pid { return id(pid, ["pid"]) }
        if let ppid { return id(ppid, ["ppid"]) }
        if let auid { return id(auid, ["auid", "loginuid"]) }
        if let uid { return id(uid, ["uid"]) }
        if let euid { return id(euid, ["euid"]) }
        if let anyUser { return id(anyUser, ["uid", "euid", "auid", "loginuid"]) }
        if let session { return id(session, ["ses"]) }
        return nil
    }

    private var wantedFacts: EventFacts.Wanted {
        var wanted: EventFacts.Wanted = []
        if anyUser != nil || uid != nil || euid != nil || auid != nil || anyGroup != nil || gid != nil
            || egid != nil || pid != nil || ppid != nil || session != nil { wanted.insert(.ids) }
        if syscall != nil || syscallName != nil || success != nil || exit != nil { wanted.insert(.syscall) }
        if exe != nil || comm != nil || hostname != nil || terminal != nil { wanted.insert(.names) }
        if key != nil { wanted.insert(.keys) }
        if file != nil { wanted.insert(.files) }
        return wanted
    }

    private func text(_ needle: String, in haystack: String?) -> Bool {
        guard let haystack else { return false }
        return exactMatch ? haystack == needle : ByteSearch.contains(haystack, needle)
    }
}

/// Substring search on UTF-8 bytes (the standard library's generic search is far slower).
package enum ByteSearch {
    package static func contains(_ haystack: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return false }
                return dockaudit_memmem(hb, h.count, nb, n.count) != nil
            }
        }
    }
}
