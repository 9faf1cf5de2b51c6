import AuditLog

/// What one SYSCALL record says about its process at one moment.
public struct ProcessSighting: Sendable, Equatable {
    public var time: Double
    public var pid: Int
    public var ppid: Int
    public var exe: String?
    public var comm: String?
    public var auid: UInt32?
    public var uid: UInt32?
    public var ses: UInt32?
    public var tty: String?
    /// The new program's arguments, when this sighting is a successful execve.
    public var argv: [String]?
    /// The process ended here (exit or exit_group): a later sighting of the pid is another process.
    package var exited = false
    /// The event's serial, to find it again.
    public var serial: UInt64
}

extension ProcessSighting {
    /// True when this sighting says nothing `earlier` did not: same parent, program and
    /// identity, no exec and no exit.
    func repeats(_ earlier: ProcessSighting) -> Bool {
        argv == nil && !exited && !earlier.exited && ppid == earlier.ppid && exe == earlier.exe && comm == earlier.comm
            && auid == earlier.auid && uid == earlier.uid && ses == earlier.ses && tty == earlier.tty
    }
}

/// Every process the log shows, by pid, in time order: enough to follow a process's
/// parents at any moment. A pid used again later is told apart by time: the parent of a
/// pid at a moment is the one its latest sighting before that moment names.
public struct ProcessHistory: Sendable {
    public private(set) var sightings: [Int: [ProcessSighting]] = [:]
    /// The login that opened each audit session, by session id.
    public private(set) var logins: [UInt32: LoginHop] = [:]
    /// Serials whose sightings stay findable (`sighting(serial:)`) though they repeat the one before.
    package var findable: Set<UInt64> = []
    private var found: [UInt64: ProcessSighting] = [:]
    private var lastSeen: [Int: Double] = [:]
    /// Each pid's successful execs, in time order: what it ran, found by binary search.
    private var execs: [Int: [Exec]] = [:]
    /// One copy of each program path and command line kept: a host runs the same few
    /// programs thousands of times, and a sighting holding its own copy of each made the
    /// history grow by the bytes of every exec.
    private var texts = StringPool()

    public init() {}

    public init(events: [AuditEvent]) {
        for event in events { add(event) }
    }

    /// Records what the event's SYSCALL record (and EXECVE, for an exec) says.
    public mutating func add(_ event: AuditEvent) {
        if let login = LoginHop(event) {
            logins[login.session] = logins[login.session].map { $0.merged(with: login) } ?? login
            return
        }
        guard var sighting = Self.sighting(in: event) else { return }
        if findable.contains(sighting.serial) { found[sighting.serial] = sighting }
        lastSeen[sighting.pid] = max(lastSeen[sighting.pid] ?? sighting.time, sighting.time)
        // A sighting that says what the process's last one said adds nothing a lookup could
        // return, only memory: a busy daemon's thousands of syscalls are one sighting.
        if let last = sightings[sighting.pid]?.last, last.time <= sighting.time, sighting.repeats(last) { return }
        texts.share(&sighting)
        // In place: a copy of a long-lived process's list per event would make the history quadratic.
        Self.insert(sighting, into: &sightings[sighting.pid, default: []])
        if let argv = sighting.argv { Self.insert(Exec(time: sighting.time, argv: argv), into: &execs[sighting.pid, default: []]) }
    }

    /// The sighting of event `serial`, when `findable` held it while the history was built.
    package func sighting(serial: UInt64) -> ProcessSighting? { found[serial] }

    /// When `pid` was last seen in the log.
    package func lastSeen(_ pid: Int) -> Double? { lastSeen[pid] }

    private static func insert<Item: Timed>(_ item: Item, into list: inout [Item]) {
        if let last = list.last, last.time > item.time {
            list.insert(item, at: firstLater(than: item.time, in: list))
        } else {
            list.append(item)
        }
    }

    /// The index of the first item after `time` in a time-ordered list (its count if none).
    private static func firstLater<Item: Timed>(than time: Double, in list: [Item]) -> Int {
        list.partitioningIndex { $0.time > time }
    }

    /// What an event says about its process, or nil without a SYSCALL record. Without
    /// `arguments`, an exec's argv is left empty (not decoded): enough to count execs.
    public static func sighting(in event: AuditEvent, arguments: Bool = true) -> ProcessSighting? {
        guard let syscall = event.first(.syscall) else { return nil }
        // One scan of the record's bytes for the fields a sighting holds, no dictionary of all of them.
        let facts = EventFacts(record: syscall, wanted: [.ids, .syscall, .names])
        guard let pid = facts.pid.flatMap(Int.init(exactly:)), let ppid = facts.ppid.flatMap(Int.init(exactly:)) else { return nil }
        let time = Double(event.id.seconds) + Double(event.id.milliseconds) / 1000
        func id(_ value: Int64?) -> UInt32? { value.flatMap(UInt32.init(exactly:)) }
        var sighting = ProcessSighting(time: time, pid: pid, ppid: ppid, exe: facts.exe, comm: facts.comm, auid: id(facts.auid),
                                       uid: id(facts.uid), ses: id(facts.session), tty: facts.terminal, argv: nil, serial: event.id.serial)
        let call = facts.syscall.flatMap { SyscallTable.name(of: Int($0), arch: facts.arch) }
        sighting.exited = call == "exit_group" || call == "exit"
        if facts.success == true, let execve = event.first(.execve) {
            sighting.argv = arguments ? execve.execveArguments : []
        }
        return sighting
    }

    /// The process `pid` as last seen at or before `time` (or first seen, if only later).
    /// After a sighting of its exit the pid is another process: the next sighting, if any.
    public func sighting(of pid: Int, at time: Double) -> ProcessSighting? {
        guard let list = sightings[pid], let index = Self.index(in: list, at: time) else { return nil }
        return list[index]
    }

    /// Where in `list` the process is at `time`: its last sighting by then (the first, if
    /// only later); after a sighting of its exit, the next sighting, if any.
    private static func index(in list: [ProcessSighting], at time: Double) -> Int? {
        guard !list.isEmpty else { return nil }
        let low = firstLater(than: time, in: list)
        guard low > 0 else { return 0 }
        let last = list[low - 1]
        if last.exited && last.time < time { return low < list.count ? low : nil }
        return low - 1
    }

    /// The process and its parents at `time`, nearest first, up to pid 1 or an unknown parent.
    public func ancestry(of pid: Int, at time: Double, limit: Int = 64) -> [ProcessSighting] {
        var chain: [ProcessSighting] = []
        var current = pid
        var seen: Set<Int> = []
        while chain.count < limit, current > 1, !seen.contains(current), let sighting = sighting(of: current, at: time) {
            chain.append(sighting)
            seen.insert(current)
            current = sighting.ppid
        }
        return chain
    }

    /// The process and the parents it was born to, nearest first: each hop is the process's
    /// first sighting (after any earlier exit of its pid) and its parent then. Unlike
    /// `ancestry`, a process adopted by a subreaper (runc exits, the shim adopts) keeps
    /// the parent that started it.
    package func lineage(of pid: Int, at time: Double, limit: Int = 64) -> [ProcessSighting] {
        var chain: [ProcessSighting] = []
        var current = pid, moment = time
        var seen: Set<Int> = []
        while chain.count < limit, current > 1, !seen.contains(current), let birth = birth(of: current, at: moment) {
            chain.append(birth)
            seen.insert(current)
            current = birth.ppid
            moment = birth.time
        }
        return chain
    }

    /// The first sighting of the process that had `pid` at `time`.
    func birth(of pid: Int, at time: Double) -> ProcessSighting? {
        guard let list = sightings[pid], var index = Self.index(in: list, at: time) else { return nil }
        while index > 0 && !list[index - 1].exited { index -= 1 }
        return list[index]
    }

    /// The programs `pid` ran up to `time`, oldest first.
    package func programs(of pid: Int, until time: Double) -> [[String]] {
        guard let list = execs[pid] else { return [] }
        return list[..<Self.firstLater(than: time, in: list)].map(\.argv)
    }

    /// The last exec of `pid` by `time`: one binary search.
    package func lastExec(of pid: Int, until time: Double) -> Exec? {
        guard let list = execs[pid] else { return nil }
        let end = Self.firstLater(than: time, in: list)
        return end > 0 ? list[end - 1] : nil
    }
}

/// A process's successful exec: when, and the new program's arguments (its sighting is in
/// the history; this list finds the program without stepping over the other sightings).
package struct Exec: Sendable, Timed {
    package let time: Double
    package let argv: [String]
}

/// Something placed in time, kept in time-ordered lists.
protocol Timed {
    var time: Double { get }
}

extension ProcessSighting: Timed {}

/// Strings kept once: a string equal to one seen before is replaced by that one, so they
/// share their bytes (strings of 15 bytes or fewer are held inline and need no pool).
struct StringPool: Sendable {
    private var strings: Set<String> = []
    private var commandLines: Set<[String]> = []

    mutating func share(_ text: inout String?) {
        guard let value = text, value.utf8.count > 15 else { return }
        text = strings.insert(value).memberAfterInsert
    }

    mutating func share(_ sighting: inout ProcessSighting) {
        share(&sighting.exe)
        share(&sighting.comm)
        share(&sighting.tty)
        guard let argv = sighting.argv else { return }
        if let known = commandLines.firstIndex(of: argv) {
            sighting.argv = commandLines[known]
            return
        }
        // A new command line often differs from a known one in one argument (a container id).
        let shared = argv.map { argument -> String in
            var text: String? = argument
            share(&text)
            return text!
        }
        commandLines.insert(shared)
        sighting.argv = shared
    }
}

