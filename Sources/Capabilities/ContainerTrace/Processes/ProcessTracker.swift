import AuditLog

/// Where an event's process ran, as `ProcessTracker` placed it when the event arrived.
public struct Placement: Sendable, Equatable {
    /// The container's id, or nil on the host.
    public var container: String?
    /// When the `runc exec` of the `docker exec` session the process belongs to ran; nil
    /// for the container's own processes and on the host.
    public var execSession: Double?
    /// The process is the runtime's init setting the container up (`runc init`, before it
    /// runs the container's program): its mounts and namespaces are the launch, not an act.
    public var isRuntimeStep = false
}

/// The processes the log has shown so far, as they are now: enough to say, as each event
/// arrives in log order, which container its process runs in. One pass, no look-ahead,
/// so it reads standard input and will read a followed log.
///
/// Each pid holds one entry: its parent, identity, program and last exec as last seen, and
/// the container id when it is a shim. An exit drops the entry after its event is placed, and
/// a pid used again without a seen exit is overwritten by its next sightings, so memory is
/// bounded by the pids in use, plus one line per container and per login session.
///
/// The container's shim is the top of every chain: below it are the runtime's own
/// processes (`runc create`, `runc exec`, their hooks such as dockerd's libnetwork-setkey)
/// and the container's processes, which runc starts through `runc init` and which the shim
/// adopts when runc exits. So a process belongs to the container when, among its parents,
/// the one just under the shim is a container process — or is runc, and the one under
/// runc is `runc init` or any program that is not part of the runtime.
public struct ProcessTracker: Sendable {
    private struct Entry: Sendable {
        var ppid: Int
        var exe: String?
        var comm: String?
        var uid: UInt32?
        var auid: UInt32?
        var ses: UInt32?
        /// The last exec's arguments, and when it ran.
        var argv: [String]?
        var execTime: Double?
        var isRuntimeInit = false
        var isRuncExec = false
        /// The container this process is the shim of (or the `runc exec` that stands in for it).
        var shimOf: String?
        /// Inherited at birth: the `docker exec` session the process belongs to.
        var execSession: Double?
        /// `runc init`, or a process it cloned that has not run another program yet.
        var setsUpContainer = false
        /// What the process is to the container runtime, and whether it is runc (or crun),
        /// worked out when its program changes.
        var role = Role.container
        var isRunc = false
        /// When the log last showed the process.
        var lastSeen = 0.0
    }

    /// Programs of the runtime on the host side, never a container's own.
    static let runtimePrograms: Set<String> = [
        "runc", "crun", "dockerd", "containerd", "docker-proxy", "containerd-shim", "containerd-shim-runc-v1",
        "containerd-shim-runc-v2", "conmon", "libnetwork-setkey",
    ]

    private var entries: [Int: Entry] = [:]
    /// Every container whose shim (or a `runc exec` naming it) the log showed, with when it
    /// first did, in log order.
    public private(set) var launches: [ContainerLaunch] = []
    private var launched: Set<String> = []
    /// Each container's last `runc exec`: a session's process the shim adopted is born just after it.
    private var lastRuncExec: [String: Double] = [:]
    /// A process that exited with the last event: dropped when the next one comes, so its
    /// ancestry can still be asked for after its exit is placed.
    private var exiting: Int?
    /// The login that opened each audit session, by session id.
    public private(set) var logins: [UInt32: LoginHop] = [:]

    public init() {}

    /// How many processes the tracker holds now.
    public var processCount: Int { entries.count }

    /// Takes in an event in log order: a login, or its process's sighting; says where the
    /// process ran (nil without a SYSCALL record).
    public mutating func place(_ event: AuditEvent) -> Placement? {
        if let login = LoginHop(event) {
            add(login)
            return nil
        }
        return ProcessSighting(event).map { place($0) }
    }

    /// Remembers the login that opened a session.
    public mutating func add(_ login: LoginHop) {
        logins[login.session] = logins[login.session].map { $0.merged(with: login) } ?? login
    }

    /// `place(_:)` for a sighting already taken from its event (with its argv, for an exec).
    public mutating func place(_ sighting: ProcessSighting) -> Placement {
        if let pid = exiting {
            entries[pid] = nil
            exiting = nil
        }
        update(with: sighting)
        if sighting.exited { exiting = sighting.pid }
        let entry = entries[sighting.pid]
        return Placement(container: container(of: sighting.pid), execSession: entry?.execSession,
                         isRuntimeStep: entry.map { $0.setsUpContainer || $0.exe == "/" } ?? false)
    }

    private mutating func update(with sighting: ProcessSighting) {
        var entry = entries[sighting.pid] ?? born(sighting)
        let changed = entry.exe != sighting.exe || entry.comm != sighting.comm || sighting.argv != nil
        entry.ppid = sighting.ppid
        entry.lastSeen = sighting.time
        entry.exe = sighting.exe
        entry.comm = sighting.comm
        entry.uid = sighting.uid
        entry.auid = sighting.auid
        entry.ses = sighting.ses
        if let argv = sighting.argv, !argv.isEmpty {
            entry.argv = argv
            entry.execTime = sighting.time
            entry.isRuntimeInit = LaunchChains.isRuntimeInit(argv)
            entry.setsUpContainer = entry.isRuntimeInit
            entry.isRuncExec = argv[0].split(separator: "/").last == "runc" && argv.contains("exec")
            entry.shimOf = LaunchChains.containerID(shim: argv)
            if let id = entry.shimOf {
                if launched.insert(id).inserted { launches.append(ContainerLaunch(id: id, started: sighting.time)) }
                if entry.isRuncExec { lastRuncExec[id] = sighting.time }
            }
        }
        if changed {
            let program = Self.program(of: entry)
            entry.isRunc = program == "runc" || program == "crun"
            entry.role = entry.isRuntimeInit ? .runtimeInit : Self.runtimePrograms.contains(program) ? .hostRuntime : .container
        }
        entries[sighting.pid] = entry
    }

    /// A process seen for the first time: under a `runc exec` it is that session's; adopted by
    /// the shim just after the container's last `runc exec`, it is that session's too (runc may
    /// exit before the session's program starts); otherwise it is in its parent's session.
    private func born(_ sighting: ProcessSighting) -> Entry {
        var entry = Entry(ppid: sighting.ppid)
        guard let parent = entries[sighting.ppid] else { return entry }
        entry.setsUpContainer = parent.setsUpContainer
        if parent.isRuncExec {
            entry.execSession = parent.execTime
        } else if let id = parent.shimOf {
            entry.execSession = lastRuncExec[id].flatMap { $0 <= sighting.time && $0 >= sighting.time - 5 ? $0 : nil }
        } else {
            entry.execSession = parent.execSession
        }
        return entry
    }

    /// The container `pid` runs in now: walks up its parents to a shim and looks at the
    /// process just under it (and the one under that, when it is runc). At most 64 hops,
    /// which also ends a loop of parents.
    public func container(of pid: Int) -> String? {
        var underShim: Entry?, underThat: Entry?
        var current = pid
        for _ in 0..<64 {
            guard current > 1, let entry = entries[current] else { return nil }
            if let id = entry.shimOf {
                guard let underShim else { return nil }          // the shim itself
                // runc standing in for a shim: the process under it is the container's, or a hook.
                if entry.isRunc { return underShim.role == .hostRuntime ? nil : id }
                switch underShim.role {
                case .container, .runtimeInit: return id
                case .hostRuntime:
                    guard let underThat, underShim.isRunc else { return nil }
                    return underThat.role == .hostRuntime ? nil : id
                }
            }
            underThat = underShim
            underShim = entry
            current = entry.ppid
        }
        return nil
    }

    /// The process and its parents now, nearest first, up to pid 1 or an unknown parent,
    /// each with the container it runs in.
    public func ancestry(of pid: Int) -> [ProcessHop] {
        var hops: [ProcessHop] = []
        var current = pid
        var seen: Set<Int> = []
        while hops.count < 64, current > 1, seen.insert(current).inserted, let entry = entries[current] {
            let program = entry.argv?.joined(separator: " ") ?? entry.exe ?? entry.comm ?? "?"
            hops.append(ProcessHop(pid: current, program: program, exe: entry.exe, argv: entry.argv, uid: entry.uid,
                                   auid: entry.auid, ses: entry.ses, container: container(of: current)))
            current = entry.ppid
        }
        return hops
    }

    /// Forgets the processes the log has not shown for `idle` seconds before `now` that
    /// `isAlive` says are gone: on a live host, where a rule set without exit rules never
    /// shows a process end, memory then follows the processes running. Returns how many it forgot.
    @discardableResult
    public mutating func forgetGone(now: Double, idle: Double, isAlive: (Int) -> Bool) -> Int {
        let gone = entries.compactMap { pid, entry in entry.lastSeen < now - idle && !isAlive(pid) ? pid : nil }
        for pid in gone { entries[pid] = nil }
        return gone.count
    }

    /// The processes alive now (as far as the log shows), each with its container.
    public func liveContainerProcesses() -> [(pid: Int, container: String)] {
        entries.keys.compactMap { pid in container(of: pid).map { (pid, $0) } }
    }

    private enum Role { case container, runtimeInit, hostRuntime }

    /// The base name of what the process runs; dockerd's hook keeps dockerd as its exe.
    private static func program(of entry: Entry) -> String {
        if let exe = entry.exe?.split(separator: "/").last, runtimePrograms.contains(String(exe)) { return String(exe) }
        let path = entry.argv?.first ?? entry.exe ?? entry.comm ?? ""
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// A container's first appearance in the log: its shim's start, or a `runc exec` naming it
/// when the log begins after the launch.
public struct ContainerLaunch: Sendable, Equatable {
    public var id: String
    public var started: Double
}

/// One process in an ancestry, as `tree` prints it.
public struct ProcessHop: Sendable, Equatable {
    public var pid: Int
    /// The last exec's command line, or the program's path or name.
    public var program: String
    /// The program's path and the last exec's arguments, as far as the log showed them.
    public var exe: String?
    public var argv: [String]?
    public var uid: UInt32?
    public var auid: UInt32?
    public var ses: UInt32?
    public var container: String?
}
