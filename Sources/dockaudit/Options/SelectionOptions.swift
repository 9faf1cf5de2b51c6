import ArgumentParser
import AuditLog
#if canImport(Glibc)
import Glibc
#endif
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

    /// Builds the criteria, resolving names and times on this machine.
    func criteria() throws -> SearchCriteria {
        var c = SearchCriteria()
        c.key = key
        c.anyUser = try anyUser.map { try userID($0, option: "-ua") }
        c.uid = try uid.map { try userID($0, option: "-ui") }
        c.euid = try euid.map { try userID($0, option: "-ue") }
        c.auid = try auid.map { try userID($0, option: "-ul") }
        c.anyGroup = try anyGroup.map { try groupID($0, option: "-ga") }
        c.gid = try gid.map { try groupID($0, option: "-gi") }
        c.egid = try egid.map { try groupID($0, option: "-ge") }
        c.pid = pid
        c.ppid = ppid
        c.exe = exe
        c.comm = comm
        c.file = file
        c.hostname = host
        c.terminal = terminal
        c.session = session
        c.eventSerial = event
        c.nodes = node.isEmpty ? nil : node
        c.exactMatch = exactMatch
        if let messageTypes, messageTypes != "ALL" {
            var numbers = Set<Int>()
            for name in messageTypes.split(separator: ",") {
                guard let type = MessageType(name: name) ?? Int(name).map(MessageType.init(number:)) else {
                    throw ValidationError("-m: unknown record type '\(name)'")
                }
                numbers.insert(type.number)
            }
            c.messageTypes = numbers
        }
        if let syscall {
            if let n = Int64(syscall) { c.syscall = n } else {
                guard SyscallTable.number(of: syscall, arch: 0xC000_003E) != nil
                        || SyscallTable.number(of: syscall, arch: 0xC000_00B7) != nil
                        || SyscallTable.number(of: syscall, arch: 0x4000_0003) != nil else {
                    throw ValidationError("-sc: unknown syscall '\(syscall)'")
                }
                c.syscallName = syscall
            }
        }
        if let exit {
            if let n = Int64(exit) { c.exit = n } else if let errno = ErrnoTable.number(of: exit) {
                c.exit = -Int64(errno)
            } else {
                throw ValidationError("-e: '\(exit)' is neither a number nor an errno name")
            }
        }
        let now = Int64(Glibc.time(nil))
        do {
            if !start.isEmpty { c.start = try TimeSpec.resolve(start, isEnd: false, now: now, bootTime: BootTime.read()) }
            if !end.isEmpty { c.end = try TimeSpec.resolve(end, isEnd: true, now: now, bootTime: BootTime.read()) }
        } catch {
            throw ValidationError(String(describing: error))
        }
        return c
    }

    private func userID(_ text: String, option: String) throws -> Int64 {
        if text == "unset" { return 4_294_967_295 }
        if let n = Int64(text) { return n == -1 ? 4_294_967_295 : n }
        guard let uid = LocalNameResolver.uid(of: text) else { throw ValidationError("\(option): unknown user '\(text)'") }
        return Int64(uid)
    }

    private func groupID(_ text: String, option: String) throws -> Int64 {
        if let n = Int64(text) { return n }
        guard let gid = LocalNameResolver.gid(of: text) else { throw ValidationError("\(option): unknown group '\(text)'") }
        return Int64(gid)
    }
}

/// ausearch's `-sv yes|no` (`--success VALUE`).
struct SuccessValueOption: ParsableArguments {
    @Option(name: [.customLong("sv", withSingleDash: true), .customLong("success")], help: "yes or no.")
    var success: String?

    /// The success wanted, or nil for any.
    func value() throws -> Bool? {
        switch success {
        case nil: return nil
        case "yes": return true
        case "no": return false
        case let other?: throw ValidationError("-sv takes yes or no, not '\(other)'")
        }
    }
}
