/// What selection looks at in an event, gathered once from its records: the first
/// value of each identity field, and every key and file name.
///
/// Hex-encoded values (the kernel's form for names with spaces or control
/// characters) are decoded, so `-f "my file"` finds `name=6D792066696C65`.
public struct EventFacts: Sendable {
    public var pid: Int64?
    public var ppid: Int64?
    public var uid: Int64?
    public var euid: Int64?
    public var gid: Int64?
    public var egid: Int64?
    public var auid: Int64?
    /// The uid of a kernel anomaly record, which only `-ua` looks at.
    public var anomalyUID: Int64?
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
    public var keys: [String] = []
    public var files: [String] = []

    public init(_ event: AuditEvent) {
        for record in event.records { absorb(record) }
    }

    private mutating func absorb(_ record: AuditRecord) {
        let bytes = record.bytes
        let isUserMessage = (1100...1199).contains(record.type.number) || (2100...2999).contains(record.type.number)
        FieldScanner.scanRaw(bytes, from: record.bodyStart, to: record.bodyEnd) { field in
            let name = field.name(in: bytes)
            switch name {
            case "pid": set(&pid, int(field, bytes))
            case "ppid": set(&ppid, int(field, bytes))
            // ausearch 3.0.9 matches the uid of a kernel ANOM_ record only for -ua
            // (through its interpreted name), not for -ui, -ue or -ul (measured).
            case "uid" where (1700...1799).contains(record.type.number): set(&anomalyUID, int(field, bytes))
            case "uid": set(&uid, int(field, bytes))
            case "euid": set(&euid, int(field, bytes))
            case "gid": set(&gid, int(field, bytes))
            case "egid": set(&egid, int(field, bytes))
            case "auid", "loginuid": set(&auid, int(field, bytes))
            case "ses": set(&session, int(field, bytes))
            case "syscall": set(&syscall, int(field, bytes))
            case "arch": if arch == nil { arch = UInt32(field.value(in: bytes), radix: 16) }
            case "exit": set(&exit, int(field, bytes))
            case "success": if success == nil { success = field.value(in: bytes) == "yes" }
            case "res" where record.type != .syscall:
                if success == nil {
                    let v = field.value(in: bytes)
                    success = v == "success" || v == "1" || v == "yes"
                }
            case "exe": if exe == nil { exe = text(field, bytes) }
            case "comm": if comm == nil { comm = text(field, bytes) }
            case "hostname": if hostname == nil { hostname = text(field, bytes) }
            case "addr" where isUserMessage: if hostname == nil { hostname = text(field, bytes) }
            case "terminal": if terminal == nil { terminal = text(field, bytes) }
            case "tty" where terminal == nil && record.type == .syscall: terminal = text(field, bytes)
            case "cwd": if cwd == nil { cwd = text(field, bytes) }
            case "saddr" where record.type == .sockaddr:
                if hostname == nil { hostname = SocketAddress.address(hex: field.valueBytes(in: bytes)) }
            case "key":
                if let key = text(field, bytes), key != "(null)" {
                    keys += key.split(separator: "\u{1}").map(String.init)
                }
            case "name" where record.type == .path: if let f = text(field, bytes) { files.append(f) }
            case "path", "name":
                if record.type.number >= 1400 && record.type.number < 1500, let f = text(field, bytes) { files.append(f) }
            default: break
            }
            return true
        }
    }

    private func set(_ slot: inout Int64?, _ value: Int64?) { if slot == nil { slot = value } }

    private func int(_ field: RawField, _ bytes: [UInt8]) -> Int64? {
        let text = field.value(in: bytes)
        if let v = Int64(text) { return v }
        if let v = UInt64(text) { return Int64(bitPattern: v) }
        return nil
    }

    private func text(_ field: RawField, _ bytes: [UInt8]) -> String? {
        let raw = field.valueBytes(in: bytes)
        if field.quoting == .bare, let decoded = HexText.decode(raw) { return decoded }
        return String(decoding: raw, as: UTF8.self)
    }
}
