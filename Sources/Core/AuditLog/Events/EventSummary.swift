/// The facts people and pipelines ask of an event first, lifted out of its records: who
/// (pid, ppid, auid, uid), what (exe, comm, syscall, argv), on what (paths, cwd), how it
/// ended (success, exit) and why it was logged (keys). Each is the first value the records
/// hold; nil when no record has it. `search --format json` writes them at the top level
/// (docs/json-schema.md); the names there are stable.
package struct EventSummary: Sendable, Equatable {
    public var exe: String?
    public var comm: String?
    public var keys: [String] = []
    /// The syscall's name for the record's arch (its number when the arch is unknown).
    public var syscall: String?
    public var success: Bool?
    public var exit: Int64?
    public var pid: Int64?
    public var ppid: Int64?
    /// The login user; nil when unset (-1).
    public var auid: UInt32?
    public var uid: Int64?
    public var cwd: String?
    /// The PATH records in order: the name and how the kernel used it (`nametype`).
    public var paths: [Path] = []
    /// The new program's arguments (EXECVE).
    public var argv: [String]?

    public init(_ event: AuditEvent) {
        let facts = EventFacts(event)
        (exe, comm, keys, success, exit, pid, ppid, uid, cwd) =
            (facts.exe, facts.comm, facts.keys, facts.success, facts.exit, facts.pid, facts.ppid, facts.uid, facts.cwd)
        if let number = facts.syscall {
            syscall = SyscallTable.name(of: Int(number), arch: facts.arch) ?? String(number)
        }
        if let auid = facts.auid, auid >= 0, auid < 4_294_967_295 { self.auid = UInt32(auid) }
        for record in event.records {
            switch record.type {
            case .path:
                if let name = record.text(of: "name") { paths.append(Path(name: name, nametype: record.value(of: "nametype"))) }
            case .execve where argv == nil:
                argv = record.execveArguments
            default: break
            }
        }
    }

    package struct Path: Sendable, Equatable {
        public var name: String
        /// NORMAL, PARENT, CREATE, DELETE, UNKNOWN; nil when the record has none.
        public var nametype: String?
    }
}

extension AuditRecord {
    /// An EXECVE record's arguments, `a0` … in order: hex-encoded ones decoded, and the
    /// pieces of a long argument (`a1[0]`, `a1[1]`, …) joined.
    package var execveArguments: [String] {
        var pieces: [Int: [(Int, String)]] = [:]
        for field in fields where field.name.hasPrefix("a") && field.name != "argc" && !field.name.hasSuffix("_len") {
            let name = field.name.dropFirst()
            let value = field.quoting == .bare ? HexText.decode(ArraySlice(field.value.utf8)) ?? field.value : field.value
            if let bracket = name.firstIndex(of: "["), let index = Int(name[..<bracket]),
               let piece = Int(name[name.index(after: bracket)...].dropLast()) {
                pieces[index, default: []].append((piece, value))
            } else if let index = Int(name) {
                pieces[index, default: []].append((0, value))
            }
        }
        return pieces.keys.sorted().map { index in pieces[index]!.sorted { $0.0 < $1.0 }.map(\.1).joined() }
    }
}
