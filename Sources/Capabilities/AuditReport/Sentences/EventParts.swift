import AuditLog

/// What a sentence names, read once from an event's records.
struct EventParts {
    let event: AuditEvent
    let facts: EventFacts
    let headType: MessageType
    let userName: (UInt32) -> String?

    init(_ event: AuditEvent, userName: @escaping (UInt32) -> String?) {
        self.event = event
        facts = EventFacts(event)
        headType = event.records.first?.type ?? MessageType(number: 0)
        self.userName = userName
    }

    var headName: String { headType.name }

    /// The first value of a field in any record, as text.
    func text(_ field: String) -> String? {
        for record in event.records { if let value = record.text(of: field) { return value } }
        return nil
    }

    func name(_ uid: Int64?) -> String? {
        guard let uid, uid >= 0, uid < 4_294_967_295 else { return nil }
        return userName(UInt32(uid)) ?? "uid \(uid)"
    }

    /// "alice, acting as root," — the login user, then the account used when it differs.
    var subject: String {
        let account = facts.euid ?? facts.uid ?? facts.anomalyUID
        guard let login = name(facts.auid) else { return name(account) ?? "an unknown user" }
        if let account, account != facts.auid, let acting = name(account) { return "\(login), acting as \(acting)," }
        return login
    }

    /// The user a kernel LOGIN record gives a session to.
    var loginTarget: String {
        for record in event.records where record.type == .login {
            let fields = record.fields
            if let auid = fields.last(where: { $0.name == "auid" }).flatMap({ Int64($0.value) }), let name = name(auid) { return name }
        }
        return subject
    }

    var outcome: String {
        switch facts.success {
        case true?: return "successfully "
        case false?: return "unsuccessfully "
        case nil: return ""
        }
    }

    /// " using /usr/bin/cat" — the program, when the event names one.
    var how: String { (facts.exe ?? facts.comm).map { " using \($0)" } ?? "" }

    var syscallName: String? {
        facts.syscall.flatMap { SyscallTable.name(of: Int($0), arch: facts.arch) }
    }

    /// The event's file names, relative ones joined to its cwd, unix sockets included.
    var files: [String] { ReportEvent.fileNames(event.records).map(\.name) }

    /// The file a syscall acted on: the first name that is not a PARENT directory.
    var file: String? {
        var first: String?
        var cwd: String?
        for record in event.records {
            if record.type == .cwd { cwd = record.text(of: "cwd") }
            guard record.type == .path, var name = record.text(of: "name"), name != "(null)" else { continue }
            if !name.hasPrefix("/"), let cwd { name = (cwd.hasSuffix("/") ? cwd : cwd + "/") + name }
            if record.text(of: "nametype") != "PARENT" { return name }
            if first == nil { first = name }
        }
        return first
    }

    /// The program an execve ran: the first argument's path, else the file.
    var execTarget: String? { file ?? facts.exe }

    var endpoint: String? {
        guard let record = event.first(.sockaddr), let hex = record.value(of: "saddr") else { return nil }
        return SocketAddress.endpoint(hex: ArraySlice(hex.utf8))
    }
}
