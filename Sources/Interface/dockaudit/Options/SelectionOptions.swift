import ArgumentParser
import AuditLog
import HostIO

/// ausearch's selection options, spelled as ausearch spells them, with readable long names beside.
/// The outcome option is apart (`SuccessValueOption`): `report` spells it as aureport does.
struct SelectionOptions: ParsableArguments {
    @Option(name: [.customShort("k"), .customLong("key")], help: "Key (substring unless -w).")
    var key: String?
    @Option(name: [.customLong("ua", withSingleDash: true), .customLong("uid-all")],
            help: "User id or name in uid, euid or auid.")
    var anyUser: String?
    @Option(name: [.customLong("ui", withSingleDash: true), .customLong("uid")], help: "User id or name (uid).")
    var uid: String?
    @Option(name: [.customLong("ue", withSingleDash: true), .customLong("uid-effective")],
            help: "Effective user id or name.")
    var euid: String?
    @Option(name: [.customLong("ul", withSingleDash: true), .customLong("loginuid")],
            help: "Login user id or name (auid); 'unset' for -1.")
    var auid: String?
    @Option(name: [.customLong("ga", withSingleDash: true), .customLong("gid-all")], help: "Group id or name in gid or egid.")
    var anyGroup: String?
    @Option(name: [.customLong("gi", withSingleDash: true), .customLong("gid")], help: "Group id or name.")
    var gid: String?
    @Option(name: [.customLong("ge", withSingleDash: true), .customLong("gid-effective")], help: "Effective group id or name.")
    var egid: String?
    @Option(name: [.customShort("p"), .customLong("pid")], help: "Process id.")
    var pid: Int64?
    @Option(name: [.customLong("pp", withSingleDash: true), .customLong("ppid")], help: "Parent process id.")
    var ppid: Int64?
    @Option(name: [.customShort("x"), .customLong("executable")], help: "Executable (substring unless -w).")
    var exe: String?
    @Option(name: [.customShort("c"), .customLong("comm")], help: "Command name (substring unless -w).")
    var comm: String?
    @Option(name: [.customShort("m"), .customLong("message")],
            help: "Record types, comma separated (SYSCALL,PATH,…) or ALL.")
    var messageTypes: String?
    @Option(name: [.customLong("sc", withSingleDash: true), .customLong("syscall")], help: "Syscall name or number.")
    var syscall: String?
    @Option(name: [.customShort("f"), .customLong("file")], help: "File name (substring unless -w).")
    var file: String?
    @Option(name: [.customShort("e"), .customLong("exit")], parsing: .unconditional,
            help: "Exit code: a number (-2) or an errno name (ENOENT).")
    var exit: String?
    @Option(name: [.customShort("a"), .customLong("event")], help: "Event serial number.")
    var event: UInt64?
    @Option(name: [.customLong("hn", withSingleDash: true), .customLong("host")], help: "Host name or address.")
    var host: String?
    @Option(name: [.customLong("tm", withSingleDash: true), .customLong("terminal")], help: "Terminal.")
    var terminal: String?
    @Option(name: [.customLong("session")], help: "Login session id.")
    var session: Int64?
    @Option(name: [.customShort("n"), .customLong("node")], help: "Node name (repeatable).")
    var node: [String] = []
    @Option(name: [.customLong("ts", withSingleDash: true), .customLong("start")], parsing: .upToNextOption,
            help: "Start time: now, recent, this-hour, boot, today, yesterday, this-week, week-ago, this-month, this-year, MM/DD/YY [HH:MM:SS], or ISO 8601.")
    var start: [String] = []
    @Option(name: [.customLong("te", withSingleDash: true), .customLong("end")], parsing: .upToNextOption,
            help: "End time, in the same forms as --start.")
    var end: [String] = []
    @Flag(name: [.customShort("w"), .customLong("word")], help: "Match strings exactly, not as substrings.")
    var exactMatch = false

    /// Refuses a value `criteria()` cannot read while the command line is parsed, so the
    /// error comes with the usage of the command it was given to.
    func validate() throws { _ = try criteria() }

    /// The criteria, with names and times resolved on this machine.
    func criteria() throws -> SearchCriteria {
        var text = SelectionText()
        (text.key, text.anyUser, text.uid, text.euid, text.auid) = (key, anyUser, uid, euid, auid)
        (text.anyGroup, text.gid, text.egid, text.pid, text.ppid, text.session, text.event) = (anyGroup, gid, egid, pid, ppid, session, event)
        (text.exe, text.comm, text.messageTypes, text.syscall, text.file, text.exit) = (exe, comm, messageTypes, syscall, file, exit)
        (text.host, text.terminal, text.nodes, text.start, text.end, text.exactMatch) = (host, terminal, node, start, end, exactMatch)
        do {
            return try text.criteria(on: .local)
        } catch let problem as UserFacingError {
            throw ValidationError(problem.description)
        }
    }
}

/// ausearch's `-sv yes|no` (`--success VALUE`).
struct SuccessValueOption: ParsableArguments {
    @Option(name: [.customLong("sv", withSingleDash: true), .customLong("success")], help: "yes or no.")
    var success: String?

    func validate() throws { _ = try value() }

    /// The success wanted, or nil for any.
    func value() throws -> Bool? {
        do { return try success.map { try OptionValues.success($0) } } catch { throw ValidationError("\(error)") }
    }
}
