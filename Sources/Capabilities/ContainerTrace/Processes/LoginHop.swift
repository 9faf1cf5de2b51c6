import AuditLog

/// The login that opened an audit session: the program that took it (sshd, login), the
/// address it came from, the user and the moment, from USER_LOGIN and sshd's or login's
/// USER_START. It is the hop above a session's first shell, which the kernel never saw start.
public struct LoginHop: Sendable, Equatable {
    public var session: UInt32
    public var pid: Int
    public var program: String?
    public var address: String?
    public var auid: UInt32?
    public var terminal: String?
    public var time: Double

    /// Programs whose USER_START opens a login session (sudo's and su's reuse the caller's).
    static let loginPrograms: Set<String> = ["sshd", "sshd-session", "login", "gdm-session-worker", "lightdm"]

    /// The login an event records, when it is a successful USER_LOGIN or a login program's USER_START.
    init?(_ event: AuditEvent) {
        guard let record = event.records.first, record.type == .userLogin || record.type == .userStart,
              record.text(of: "res") == "success" || record.text(of: "res") == "1",
              let session = record.value(of: "ses").flatMap(UInt32.init), session != UInt32.max,
              let pid = record.value(of: "pid").flatMap(Int.init) else { return nil }
        let program = record.text(of: "exe")
        if record.type == .userStart {
            guard let name = program?.split(separator: "/").last, Self.loginPrograms.contains(String(name)) else { return nil }
        }
        self.session = session
        self.pid = pid
        self.program = program
        let address = record.text(of: "addr") ?? record.text(of: "hostname")
        self.address = address == "?" ? nil : address
        auid = record.value(of: "auid").flatMap(UInt32.init)
        let terminal = record.text(of: "terminal")
        self.terminal = terminal == "?" ? nil : terminal
        time = event.id.time
    }

    /// The earlier of two records of one login, with what either knows.
    func merged(with later: LoginHop) -> LoginHop {
        var hop = self
        hop.address = hop.address ?? later.address
        hop.terminal = later.terminal.map { $0.hasPrefix("/dev/") || $0.hasPrefix("pts") ? $0 : hop.terminal ?? $0 } ?? hop.terminal
        return hop
    }
}
