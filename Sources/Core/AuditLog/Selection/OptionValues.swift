/// ausearch's option values read as ausearch reads them: the parsers behind `search` and
/// `report`, kept out of the command line so each has its own tests. Names of users and
/// groups are looked up by the caller's function (the local account database, usually).
public enum OptionValues {
    /// A value the option does not take; the message names the option and the value.
    public struct Problem: UserFacingError, Equatable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// `-m`: record types by name or number, comma separated; nil for `ALL`.
    package static func recordTypes(_ text: String) throws(Problem) -> Set<Int>? {
        guard text != "ALL" else { return nil }
        var numbers = Set<Int>()
        for name in text.split(separator: ",") {
            guard let type = MessageType(name: name) ?? Int(name).map(MessageType.init(number:)) else {
                throw Problem("-m: unknown record type '\(name)'")
            }
            numbers.insert(type.number)
        }
        return numbers
    }

    /// `-sc`: a number, or a name known on one of the arches ausearch resolves names for.
    public enum Syscall: Equatable, Sendable {
        case number(Int64)
        /// Resolved against each event's own arch.
        case name(String)
    }

    public static func syscall(_ text: String) throws(Problem) -> Syscall {
        if let n = Int64(text) { return .number(n) }
        let arches = [SyscallTable.Arch.x86_64, SyscallTable.Arch.aarch64, SyscallTable.Arch.i386]
        guard arches.contains(where: { SyscallTable.number(of: text, arch: $0) != nil }) else {
            throw Problem("-sc: unknown syscall '\(text)'")
        }
        return .name(text)
    }

    /// `-e`: an exit code, or an errno name meaning its negative (`ENOENT` is -2).
    public static func exit(_ text: String) throws(Problem) -> Int64 {
        if let n = Int64(text) { return n }
        guard let errno = ErrnoTable.number(of: text) else {
            throw Problem("-e: '\(text)' is neither a number nor an errno name")
        }
        return -Int64(errno)
    }

    /// `-ua`/`-ui`/`-ue`/`-ul`: a uid or a user name; `unset` and -1 are the unset id 4294967295.
    public static func user(_ text: String, option: String, lookup: (String) -> UInt32?) throws(Problem) -> Int64 {
        if text == "unset" { return 4_294_967_295 }
        if let n = Int64(text) { return n == -1 ? 4_294_967_295 : n }
        guard let uid = lookup(text) else { throw Problem("\(option): unknown user '\(text)'") }
        return Int64(uid)
    }

    /// `-ga`/`-gi`/`-ge`: a gid or a group name.
    public static func group(_ text: String, option: String, lookup: (String) -> UInt32?) throws(Problem) -> Int64 {
        if let n = Int64(text) { return n }
        guard let gid = lookup(text) else { throw Problem("\(option): unknown group '\(text)'") }
        return Int64(gid)
    }

    /// `-sv`: yes or no.
    public static func success(_ text: String) throws(Problem) -> Bool {
        switch text {
        case "yes": return true
        case "no": return false
        default: throw Problem("-sv takes yes or no, not '\(text)'")
        }
    }
}
