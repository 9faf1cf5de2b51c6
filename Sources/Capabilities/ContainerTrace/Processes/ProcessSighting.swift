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

    public init(time: Double, pid: Int, ppid: Int, exe: String?, comm: String?, auid: UInt32?, uid: UInt32?,
                ses: UInt32?, tty: String?, argv: [String]?, serial: UInt64) {
        self.time = time
        self.pid = pid
        self.ppid = ppid
        self.exe = exe
        self.comm = comm
        self.auid = auid
        self.uid = uid
        self.ses = ses
        self.tty = tty
        self.argv = argv
        self.serial = serial
    }

    /// What an event says about its process, or nil without a SYSCALL record.
    public init?(_ event: AuditEvent) {
        guard let syscall = event.first(.syscall) else { return nil }
        // One scan of the record's bytes for the fields a sighting holds, no dictionary of all of them.
        self.init(event, facts: EventFacts(record: syscall, wanted: [.ids, .syscall, .names]))
    }

    /// The sighting in an event whose SYSCALL record's facts were read already.
    init?(_ event: AuditEvent, facts: EventFacts) {
        guard let pid = facts.pid.flatMap(Int.init(exactly:)), let ppid = facts.ppid.flatMap(Int.init(exactly:)) else { return nil }
        func id(_ value: Int64?) -> UInt32? { value.flatMap(UInt32.init(exactly:)) }
        self.init(time: event.id.time, pid: pid, ppid: ppid,
                  exe: facts.exe, comm: facts.comm, auid: id(facts.auid), uid: id(facts.uid), ses: id(facts.session),
                  tty: facts.terminal, argv: nil, serial: event.id.serial)
        exited = facts.syscallName == "exit_group" || facts.syscallName == "exit"
        if facts.success == true, let execve = event.first(.execve) { argv = execve.execveArguments }
    }
}

extension EventFacts {
    /// The syscall's name for its architecture.
    var syscallName: String? { syscall.flatMap { SyscallTable.name(of: Int($0), arch: arch) } }
}
