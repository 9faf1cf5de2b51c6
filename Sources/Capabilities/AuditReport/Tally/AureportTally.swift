import AuditLog

/// Which events a report counts by their outcome: aureport's `--success` and `--failed`.
public enum Outcome: Sendable {
    case any, success, failed
}

/// Reads events one at a time and builds one of aureport's reports: detailed rows as
/// they come (nothing kept), or the tallies for `--summary`.
public struct AureportTally: Sendable {
    public let kind: ReportKind
    public let outcome: Outcome
    /// aureport's summary counters; the distinct-item counts come from the sets below.
    package var counters: SummaryCounters {
        var c = eventCounts
        (c.users, c.terminals, c.hostNames, c.executables) = (users.count, terminals.count, hosts.count, exes.count)
        (c.commands, c.files, c.keys, c.processIDs) = (comms.count, files.count, keys.count, pids.count)
        return c
    }
    private var eventCounts = SummaryCounters()
    public private(set) var texts = HitList<String>()
    public private(set) var numbers = HitList<Int64>()
    /// The architecture of the first event that counted each syscall number.
    public private(set) var syscallArch: [Int64: UInt32] = [:]
    /// The first and last event read, selected or not ("Range of time in logs").
    public private(set) var first: EventID?
    public private(set) var last: EventID?
    private var users = Set<Int32>(), terminals = Set<String>(), hosts = Set<String>(), exes = Set<String>()
    private var comms = Set<String>(), files = Set<String>(), keys = Set<String>(), pids = Set<Int64>()

    public init(kind: ReportKind, outcome: Outcome = .any) {
        self.kind = kind
        self.outcome = outcome
    }

    /// Notes an event's time for the log's range, whether or not it is selected.
    package mutating func observe(_ id: EventID) {
        if first == nil { first = id }
        last = id
    }

    /// Whether the event's outcome is the one asked for.
    package func outcomeMatches(_ event: ReportEvent) -> Bool {
        switch outcome {
        case .any: return true
        case .success: return event.facts.success == true
        case .failed: return event.facts.success == false
        }
    }

    /// What this report reads of an event: no report looks at EventFacts' own file list
    /// (`files` is ReportEvent's, in aureport's order), and two summaries read one fact each.
    package func needs(perEvent: Bool) -> ReportEvent.Needs {
        let counted: EventFacts.Wanted = [.ids, .syscall, .names, .keys]
        switch kind {
        case .keys where !perEvent: return .init(facts: [.syscall, .keys], files: false)
        case .files where !perEvent: return .init(facts: [.syscall], files: true)
        case .files, .summary: return .init(facts: counted, files: true)
        default: return .init(facts: counted, files: false)
        }
    }

    // MARK: Detailed reports

    /// The event's line in the detailed report, or nil when the report leaves it out.
    package func row(for e: ReportEvent) -> ReportRow? {
        let f = e.facts
        let auid = ReportValue.user(e.auid)
        let serial = ReportValue.serial(e.id.serial)
        let success = ReportValue.success(f.success)
        let syscall = ReportValue.syscall(f.syscall, arch: f.arch)
        let exe = ReportValue.text(f.exe, missing: "?"), term = ReportValue.text(f.terminal, missing: "?")
        let host = ReportValue.text(f.hostname, missing: "?")
        let type = ReportValue.recordType(e.headType)
        let cells: [ReportValue]
        switch kind {
        case .keys:
            guard let key = f.keys.first else { return nil }
            cells = [.text(key, missing: "?"), success, exe, auid, serial]
        case .users:
            guard e.hasUID else { return nil }
            cells = [auid, term, host, exe, serial]
        case .executables:
            guard f.exe != nil else { return nil }
            cells = [exe, term, host, auid, serial]
        case .commands:
            guard let comm = f.comm else { return nil }
            cells = [.text(comm, missing: "?"), term, host, auid, serial]
        case .files:
            guard let file = e.reportedFile else { return nil }
            cells = [.text(file, missing: ""), syscall, success, exe, auid, serial]
        case .syscalls:
            guard f.syscall != nil && f.syscall != 0 else { return nil }
            cells = [syscall, .pid(f.pid), .text(f.comm, missing: "?"), auid, serial]
        case .logins:
            guard e.has(MessageType.userLogin) else { return nil }
            let who: ReportValue = f.success == false && f.acct != nil ? .text(f.acct, missing: "?") : auid
            cells = [who, .text(f.hostname, missing: "(null)"), .text(f.terminal, missing: "(null)"),
                     .text(f.exe, missing: "(null)"), success, serial]
        case .authentications:
            guard e.has(MessageType.userAuth) else { return nil }
            let who: ReportValue = f.acct != nil ? .text(f.acct, missing: "?") : .user(f.uid.map { Int32(truncatingIfNeeded: $0) })
            cells = [who, .text(f.hostname, missing: "(null)"), .text(f.terminal, missing: "(null)"),
                     .text(f.exe, missing: "(null)"), success, serial]
        case .events:
            cells = [serial, type, auid, success]
        case .anomalies:
            guard e.has(MessageType.anomalies) || e.has(MessageType.kernelAnomalies) else { return nil }
            cells = [type, .text(f.exe ?? f.comm, missing: "?"), term, host, auid, serial]
        case .responses:
            guard e.has(MessageType.responses) else { return nil }
            cells = [type, success, serial]
        case .config:
            guard e.isConfigChange else { return nil }
            cells = [type, auid, success, serial]
        case .modifications:
            guard e.isAccountChange else { return nil }
            cells = [auid, host, term, exe, .text(f.acct, missing: "?"), success, serial]
        case .crypto:
            guard e.has(MessageType.kernelCrypto) || e.has(MessageType.crypto) else { return nil }
            cells = [auid, type, success, serial]
        case .mac:
            guard e.has(MessageType.macChanges) || e.has(MessageType.userLSPP) else { return nil }
            cells = [auid, type, success, serial]
        case .integrity:
            guard e.has(MessageType.integrity) else { return nil }
            cells = [type, success, serial]
        case .virt:
            guard e.has(MessageType.virt) else { return nil }
            cells = [type, success, serial]
        case .pids:
            guard let pid = f.pid, pid >= 0 else { return nil }
            cells = [.pid(pid), exe, syscall, auid, serial]
        case .terminals:
            guard f.terminal != nil else { return nil }
            cells = [term, .text(f.hostname, missing: "(null)"), .text(f.exe, missing: "(null)"), auid, serial]
        case .hosts:
            guard f.hostname != nil else { return nil }
            cells = [host, syscall, auid, serial]
        case .summary, .time, .containers, .people:
            return nil
        }
        return ReportRow(id: e.id, cells: cells)
    }

    // MARK: Summaries

    /// Counts the event in the summary counters or in the per-item tally of this report.
    package mutating func tally(_ e: ReportEvent) {
        let f = e.facts
        switch kind {
        case .summary: countSummary(e)
        case .keys: for key in f.keys { texts.add(key) }
        case .users: if let auid = e.auid { texts.add(String(auid)) }
        case .executables: if let exe = f.exe { texts.add(exe) }
        case .commands: if let comm = f.comm { texts.add(comm) }
        case .files: for file in e.files { texts.add(file.name) }
        case .terminals: if let term = f.terminal { texts.add(term) }
        case .hosts: if let host = f.hostname { texts.add(host) }
        case .pids: if let pid = f.pid { numbers.add(pid) }
        case .syscalls:
            if let number = f.syscall, number > 0 {
                numbers.add(number)
                if syscallArch[number] == nil, let arch = f.arch { syscallArch[number] = arch }
            }
        case .logins:
            if e.has(MessageType.userLogin) { texts.add(accountOrUser(e)) }
        case .authentications:
            if e.has(MessageType.userAuth) { texts.add(accountOrUser(e)) }
        case .events: numbers.add(Int64(e.headType))
        case .config, .modifications, .anomalies, .responses, .crypto, .mac, .integrity, .virt:
            if row(for: e) != nil { numbers.add(Int64(e.headType)) }
        case .time, .containers, .people: break
        }
    }

    /// Adds the tally of the events that follow this one's (a later batch of the parallel
    /// scan): counts add up, distinct items keep the order first seen, the range widens.
    package mutating func merge(_ later: AureportTally) {
        eventCounts.add(later.eventCounts)
        texts.merge(later.texts)
        numbers.merge(later.numbers)
        syscallArch.merge(later.syscallArch) { earlier, _ in earlier }
        first = first ?? later.first
        last = later.last ?? last
        users.formUnion(later.users)
        terminals.formUnion(later.terminals)
        hosts.formUnion(later.hosts)
        exes.formUnion(later.exes)
        comms.formUnion(later.comms)
        files.formUnion(later.files)
        keys.formUnion(later.keys)
        pids.formUnion(later.pids)
    }

    /// aureport 3.0.9 names a login or authentication by its `acct` when the record has
    /// one, else by the login uid (measured).
    private func accountOrUser(_ e: ReportEvent) -> String { e.facts.acct ?? String(e.auid ?? -2) }

    private mutating func countSummary(_ e: ReportEvent) {
        let f = e.facts
        var c = eventCounts
        c.events += 1
        for type in [MessageType.configChange, MessageType.daemonConfig, MessageType.usysConfig] where e.has(type) {
            c.changesInConfiguration += 1
        }
        if e.has(MessageType.macChanges) { c.changesInConfiguration += 1 }
        if e.has(MessageType.userChauthtok) { c.changesToAccounts += 1 }
        if e.has(MessageType.accountChanges) { c.changesToAccounts += 1 }
        if e.has(MessageType.chgrpId) { c.changesToAccounts += 1 }
        if e.has(MessageType.roles) { c.changesToAccounts += 1 }
        if e.has(MessageType.kernelCrypto) { c.crypto += 1 }
        if e.has(MessageType.crypto) { c.crypto += 1 }
        if e.has(MessageType.userLogin) {
            if f.success == true { c.logins += 1 } else if f.success == false { c.failedLogins += 1 }
        }
        // aureport 3.0.9 counts USER_AUTH and GRP_AUTH, not failed USER_ACCT (measured).
        if e.has(MessageType.userAuth) || e.has(MessageType.grpAuth) {
            if f.success == true { c.authentications += 1 } else if f.success == false { c.failedAuthentications += 1 }
        }
        if let auid = e.auid { users.insert(auid) }
        if let term = f.terminal { terminals.insert(term) }
        if let host = f.hostname { hosts.insert(host) }
        if let exe = f.exe { exes.insert(exe) }
        if let comm = f.comm { comms.insert(comm) }
        for file in e.files { files.insert(file.name) }
        if e.has(MessageType.avc) || e.has(MessageType.userAvc) { c.avcs += 1 }
        if e.has(MessageType.macChanges) { c.macEvents += 1 }
        if e.has(MessageType.userLSPP) { c.macEvents += 1 }
        if f.success == false, let syscall = f.syscall, syscall > 0 { c.failedSyscalls += 1 }
        if let pid = f.pid { pids.insert(pid) }
        if e.has(MessageType.anomalies) { c.anomalies += 1 }
        if e.has(MessageType.kernelAnomalies) { c.anomalies += 1 }
        if e.has(MessageType.responses) { c.responses += 1 }
        if e.has(MessageType.integrity) { c.integrity += 1 }
        if e.has(MessageType.virt) { c.virt += 1 }
        for key in f.keys { keys.insert(key) }
        eventCounts = c
    }
}

extension ReportEvent {
    /// The file a File Report line names: the first, skipping PARENT directories when there are several.
    var reportedFile: String? {
        guard !files.isEmpty else { return nil }
        if files.count > 1, let child = files.first(where: { !$0.trailingParent }) { return child.name }
        return files.first?.name
    }

    var isConfigChange: Bool {
        has(MessageType.configChange) || has(MessageType.daemonConfig) || has(MessageType.usysConfig) || has(MessageType.macChanges)
    }

    var isAccountChange: Bool {
        has(MessageType.userChauthtok) || has(MessageType.accountChanges) || has(MessageType.chgrpId) || has(MessageType.roles)
    }
}
