/// What selection looks at in an event, gathered once from its records: the first
/// value of each identity field, and every key and file name.
///
/// Hex-encoded values (the kernel's form for names with spaces or control
/// characters) are decoded, so `-f "my file"` finds `name=6D792066696C65`.
package struct EventFacts: Sendable {
    public var pid: Int64?
    public var ppid: Int64?
    public var uid: Int64?
    public var euid: Int64?
    public var gid: Int64?
    public var egid: Int64?
    public var auid: Int64?
    /// The uid of a kernel anomaly record, which only `-ua` looks at.
    package var anomalyUID: Int64?
    public var session: Int64?
    public var syscall: Int64?
    public var arch: UInt32?
    public var exit: Int64?
    public var success: Bool?
    public var exe: String?
    public var comm: String?
    public var hostname: String?
    public var terminal: String?
    public var cwd: String?
    /// The account a user-space message is about (`acct=`), which aureport's login and authentication reports name.
    package var acct: String?
    public var keys: [String] = []
    public var files: [String] = []
    private var successFromSyscall = false

    /// Which facts to gather; a search gathers only what its criteria look at.
    package struct Wanted: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let ids = Wanted(rawValue: 1)          // pid, ppid, uid, euid, gid, egid, auid, ses
        public static let syscall = Wanted(rawValue: 2)      // syscall, arch, exit, success
        public static let names = Wanted(rawValue: 4)        // exe, comm, hostname, terminal, acct
        public static let keys = Wanted(rawValue: 8)
        public static let files = Wanted(rawValue: 16)       // PATH names, the cwd
        public static let all: Wanted = [.ids, .syscall, .names, .keys, .files]
    }

    public init(_ event: AuditEvent, wanted: Wanted = .all) {
        // The records that follow a SYSCALL (PATH, CWD, EXECVE, …) hold no ids, names or
        // keys: only file names, and a socket's address.
        let skipFollowers = !wanted.contains(.files)
        for record in event.records {
            let type = record.type.number
            if skipFollowers && EventFacts.recordsWithoutIds.contains(type)
                && !(type == MessageType.sockaddr.number && wanted.contains(.names)) { continue }
            absorb(record, wanted)
        }
    }

    /// The facts of one record alone (a SYSCALL record's process, without the records after it).
    package init(record: AuditRecord, wanted: Wanted = .all) {
        absorb(record, wanted)
    }

    /// Records that carry no identity fields.
    static let recordsWithoutIds: [Int] = [MessageType.path, .cwd, .execve, .sockaddr, .bprmFcaps, .proctitle, .eoe].map(\.number)

    private mutating func absorb(_ record: AuditRecord, _ wanted: Wanted) {
        let bytes = record.bytes
        let type = record.type.number
        let isUserMessage = MessageType.userMessages.contains(type) || MessageType.userMessages2.contains(type)
        FieldScanner.scanRaw(bytes, from: record.bodyStart, to: record.bodyEnd) { field in
            let name = bytes.withUnsafeBufferPointer { FactName(field, in: $0) }
            guard let name, wanted.contains(name.group) else { return true }
            switch name {
            case .pid: set(&pid, int(field, bytes))
            case .ppid: set(&ppid, int(field, bytes))
            // ausearch 3.0.9 matches the uid of a kernel ANOM_ record only for -ua
            // (through its interpreted name), not for -ui, -ue or -ul (measured).
            case .uid where MessageType.kernelAnomalies.contains(type): set(&anomalyUID, int(field, bytes))
            case .uid: set(&uid, int(field, bytes))
            case .euid: set(&euid, int(field, bytes))
            case .gid: set(&gid, int(field, bytes))
            case .egid: set(&egid, int(field, bytes))
            case .auid: set(&auid, int(field, bytes))
            case .ses: set(&session, int(field, bytes))
            case .syscall: set(&syscall, int(field, bytes))
            case .arch: if arch == nil { arch = UInt32(field.value(in: bytes), radix: 16) }
            case .exit: set(&exit, int(field, bytes))
            // The SYSCALL record decides the outcome, as in ausearch and aureport: a
            // CONFIG_CHANGE with res=0 (a rule the kernel refused) sits in an event whose
            // syscall succeeded, and is logged before it.
            case .success:
                success = field.value(in: bytes) == "yes"
                successFromSyscall = true
            case .res where type != MessageType.syscall.number:
                if success == nil && !successFromSyscall {
                    let v = field.value(in: bytes)
                    success = v == "success" || v == "1" || v == "yes"
                }
            case .exe: if exe == nil { exe = text(field, bytes) }
            case .comm: if comm == nil { comm = text(field, bytes) }
            case .hostname: if hostname == nil { hostname = text(field, bytes) }
            // ausearch takes addr when a user message's hostname is "?".
            case .addr where isUserMessage: if hostname == nil || hostname == "?" { hostname = text(field, bytes) }
            case .terminal: if terminal == nil { terminal = text(field, bytes) }
            case .acct where isUserMessage: if acct == nil { acct = text(field, bytes) }
            case .tty where terminal == nil && type == MessageType.syscall.number: terminal = text(field, bytes)
            case .saddr where type == MessageType.sockaddr.number:
                if hostname == nil { hostname = SocketAddress.address(hex: field.valueBytes(in: bytes)) }
            case .cwd: if cwd == nil { cwd = text(field, bytes) }
            case .key:
                if let key = text(field, bytes), key != "(null)" {
                    if key.utf8.contains(1) {
                        keys += key.split(separator: "\u{1}").map(String.init)
                    } else if !key.isEmpty {
                        keys.append(key)
                    }
                }
            case .name where type == MessageType.path.number: if let f = text(field, bytes) { files.append(f) }
            case .path, .name:
                if MessageType.selinuxMessages.contains(type), let f = text(field, bytes) { files.append(f) }
            default: break
            }
            return true
        }
    }

    private func set(_ slot: inout Int64?, _ value: Int64?) { if slot == nil { slot = value } }

    /// A decimal value, read from the bytes (unsigned values above Int64.max wrap, as in C).
    private func int(_ field: RawField, _ bytes: [UInt8]) -> Int64? {
        var i = field.valueStart
        let end = field.valueEnd
        let negative = i < end && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < end, end - i <= 20 else { return nil }
        var magnitude: UInt64 = 0
        while i < end {
            let digit = bytes[i] &- 48
            guard digit < 10 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            i += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        return Int64(bitPattern: magnitude)
    }

    private func text(_ field: RawField, _ bytes: [UInt8]) -> String? {
        let raw = field.valueBytes(in: bytes)
        if field.quoting == .bare, let decoded = HexText.decode(raw) { return decoded }
        return String(decoding: raw, as: UTF8.self)
    }
}

/// The field names selection reads, recognised from bytes without making strings.
private enum FactName {
    case pid, ppid, uid, euid, gid, egid, auid, ses, syscall, arch, exit, success, res
    case exe, comm, hostname, addr, terminal, tty, saddr, acct, cwd, key, name, path

    var group: EventFacts.Wanted {
        switch self {
        case .pid, .ppid, .uid, .euid, .gid, .egid, .auid, .ses: return .ids
        case .syscall, .arch, .exit, .success, .res: return .syscall
        case .exe, .comm, .hostname, .addr, .terminal, .tty, .saddr, .acct: return .names
        case .key: return .keys
        case .cwd, .name, .path: return .files
        }
    }

    init?(_ field: RawField, in bytes: UnsafeBufferPointer<UInt8>) {
        let length = field.nameEnd - field.nameStart
        guard length >= 3, length <= 8 else { return nil }
        let first = bytes[field.nameStart]
        @inline(__always) func equals(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == length else { return false }
            let p = literal.utf8Start
            for k in 0..<length where bytes[field.nameStart + k] != p[k] { return false }
            return true
        }
        let found: FactName?
        switch first {
        case UInt8(ascii: "p"): found = equals("pid") ? .pid : equals("ppid") ? .ppid : equals("path") ? .path : nil
        case UInt8(ascii: "u"): found = equals("uid") ? .uid : nil
        case UInt8(ascii: "e"):
            found = equals("euid") ? .euid : equals("egid") ? .egid : equals("exit") ? .exit : equals("exe") ? .exe : nil
        case UInt8(ascii: "g"): found = equals("gid") ? .gid : nil
        case UInt8(ascii: "a"): found = equals("auid") ? .auid : equals("arch") ? .arch : equals("addr") ? .addr : equals("acct") ? .acct : nil
        case UInt8(ascii: "l"): found = equals("loginuid") ? .auid : nil
        case UInt8(ascii: "s"):
            found = equals("ses") ? .ses : equals("syscall") ? .syscall : equals("success") ? .success
                : equals("saddr") ? .saddr : nil
        case UInt8(ascii: "r"): found = equals("res") ? .res : nil
        case UInt8(ascii: "c"): found = equals("comm") ? .comm : equals("cwd") ? .cwd : nil
        case UInt8(ascii: "h"): found = equals("hostname") ? .hostname : nil
        case UInt8(ascii: "t"): found = equals("terminal") ? .terminal : equals("tty") ? .tty : nil
        case UInt8(ascii: "k"): found = equals("key") ? .key : nil
        case UInt8(ascii: "n"): found = equals("name") ? .name : nil
        default: found = nil
        }
        guard let found else { return nil }
        self = found
    }
}
