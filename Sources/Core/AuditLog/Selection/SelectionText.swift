/// ausearch's selection options as typed on a command line (`-ua alice`, `-m SYSCALL,PATH`,
/// `-sc openat`, `-ts today`), read into `SearchCriteria`. Account names, the clock and the
/// boot time come from `Machine`, so the reading itself touches nothing.
public struct SelectionText: Sendable {
    public var key, anyUser, uid, euid, auid, anyGroup, gid, egid: String?
    public var pid, ppid, session: Int64?
    public var event: UInt64?
    public var exe, comm, messageTypes, syscall, file, exit, host, terminal: String?
    public var nodes: [String] = []
    /// `-ts` and `-te` words: `today`, `recent`, `11/27/2026 10:00:00`, ISO 8601.
    public var start: [String] = [], end: [String] = []
    public var exactMatch = false

    /// What the options' names and times are resolved against.
    public struct Machine {
        package var userID: (String) -> UInt32?
        package var groupID: (String) -> UInt32?
        public var now: Int64
        package var bootTime: () -> Int64?

        public init(userID: @escaping (String) -> UInt32?, groupID: @escaping (String) -> UInt32?, now: Int64,
                    bootTime: @escaping () -> Int64?) {
            self.userID = userID
            self.groupID = groupID
            self.now = now
            self.bootTime = bootTime
        }
    }

    public init() {}

    /// The criteria, or the option value that cannot be read, said as ausearch's option names it.
    public func criteria(on machine: Machine) throws -> SearchCriteria {
        let user = { (text: String, option: String) throws in try OptionValues.user(text, option: option, lookup: machine.userID) }
        let group = { (text: String, option: String) throws in try OptionValues.group(text, option: option, lookup: machine.groupID) }
        var c = SearchCriteria()
        c.key = key
        c.anyUser = try anyUser.map { try user($0, "-ua") }
        c.uid = try uid.map { try user($0, "-ui") }
        c.euid = try euid.map { try user($0, "-ue") }
        c.auid = try auid.map { try user($0, "-ul") }
        c.anyGroup = try anyGroup.map { try group($0, "-ga") }
        c.gid = try gid.map { try group($0, "-gi") }
        c.egid = try egid.map { try group($0, "-ge") }
        (c.pid, c.ppid, c.session, c.eventSerial) = (pid, ppid, session, event)
        (c.exe, c.comm, c.file, c.hostname, c.terminal) = (exe, comm, file, host, terminal)
        c.nodes = nodes.isEmpty ? nil : nodes
        c.exactMatch = exactMatch
        c.messageTypes = try messageTypes.flatMap { try OptionValues.recordTypes($0) }
        switch try syscall.map({ try OptionValues.syscall($0) }) {
        case .number(let n)?: c.syscall = n
        case .name(let name)?: c.syscallName = name
        case nil: break
        }
        c.exit = try exit.map { try OptionValues.exit($0) }
        if !start.isEmpty { c.start = try TimeSpec.resolve(start, isEnd: false, now: machine.now, bootTime: machine.bootTime()) }
        if !end.isEmpty { c.end = try TimeSpec.resolve(end, isEnd: true, now: machine.now, bootTime: machine.bootTime()) }
        return c
    }
}
