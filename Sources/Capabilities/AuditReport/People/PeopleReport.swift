import AuditLog

/// Each login user followed through sudo and su: the login uid (auid) the kernel keeps
/// when they become root, with the accounts they acted as and what they ran.
package struct PeopleReport: Sendable {
    package struct Person: Sendable {
        public let auid: UInt32
        public var events = 0
        package var sessions = Set<Int64>()
        /// Sessions opened through sshd or login (by USER_START or USER_LOGIN), once each.
        var loginSessions = Set<Int64>()
        var loginsWithoutSession = 0
        /// Logins as a user counts them: sessions opened through sshd or login.
        package var logins: Int { loginSessions.count + loginsWithoutSession }
        var failedLogins = 0
        public var hosts = HitList<String>()
        /// Effective accounts (euid, else uid) of the person's events.
        var actedAs = HitList<Int64>()
        var sudoCommands = HitList<String>()
        /// Accounts switched to with su.
        var suTargets = HitList<String>()
        package var programs = HitList<String>()
        public var keys = HitList<String>()
        package var failedSyscalls = 0
        public var first: EventID?
        public var last: EventID?
    }

    /// People by login uid, in the order first seen.
    public private(set) var people: [Person] = []
    private var index: [UInt32: Int] = [:]

    public init() {}

    public mutating func add(_ event: AuditEvent) {
        let facts = EventFacts(event)
        guard let auid = facts.auid, auid >= 0, auid < 4_294_967_295 else { return }
        let key = UInt32(auid)
        let slot: Int
        if let known = index[key] { slot = known } else {
            slot = people.count
            index[key] = slot
            people.append(Person(auid: key))
        }
        var person = people[slot]
        person.events += 1
        if person.first == nil { person.first = event.id }
        person.last = event.id
        if let session = facts.session, session >= 0, session < 4_294_967_295 { person.sessions.insert(session) }
        if let account = facts.euid ?? facts.uid { person.actedAs.add(account) }
        if let exe = facts.exe, let number = facts.syscall,
           ["execve", "execveat"].contains(SyscallTable.name(of: Int(number), arch: facts.arch)) {
            person.programs.add(exe)
        }
        for key in facts.keys { person.keys.add(key) }
        if facts.success == false, facts.syscall.map({ $0 > 0 }) == true { person.failedSyscalls += 1 }
        for record in event.records {
            switch record.type {
            case .userLogin where facts.success == false:
                person.failedLogins += 1
            case .userLogin where facts.success == true:
                person.countLogin(session: facts.session, from: record.text(of: "addr") ?? facts.hostname)
            case .userStart where facts.success == true && Self.opensLogins(record.text(of: "exe")):
                person.countLogin(session: facts.session, from: record.text(of: "addr") ?? facts.hostname)
            case .userCmd:
                if let command = record.text(of: "cmd") { person.sudoCommands.add(command) }
            case .userStart:
                if let exe = record.text(of: "exe"), exe.hasSuffix("/su"), let account = record.text(of: "acct") {
                    person.suTargets.add(account)
                }
            default: break
            }
        }
        people[slot] = person
    }

    /// The programs whose PAM sessions are logins: sshd and login, wherever installed.
    static func opensLogins(_ exe: String?) -> Bool {
        guard let exe else { return false }
        let name = exe.split(separator: "/").last ?? ""
        return name == "sshd" || name == "login"
    }
}

extension PeopleReport.Person {
    /// A login of `session` (a session's USER_START and USER_LOGIN count once), from `address`.
    mutating func countLogin(session: Int64?, from address: String?) {
        if let session, session >= 0, session < 4_294_967_295 {
            guard loginSessions.insert(session).inserted else { return }
        } else {
            loginsWithoutSession += 1
        }
        if let address, address != "?" { hosts.add(address) }
    }
}
