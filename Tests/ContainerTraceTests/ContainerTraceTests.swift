import AuditLog
import Foundation
import Testing
@testable import ContainerTrace
import HostIO

/// Attribution on launch chains written in the record formats auditd writes, and the
/// parsing of the docker client's command lines.
struct ContainerTraceTests {
    static let id = "0fc5e54edb17534099b2b3fde6007ce958e021544d0ccd4d52fdecaf1edb635a"

    /// One execve (or other syscall) event: SYSCALL, EXECVE (when argv is given), CWD.
    static func event(_ serial: Int, _ time: Double, pid: Int, ppid: Int, exe: String, argv: [String]? = nil,
                      auid: UInt32 = 4_294_967_295, uid: UInt32 = 0, cwd: String = "/") -> String {
        let stamp = String(format: "%.3f:%d", time, serial)
        var lines = ["type=SYSCALL msg=audit(\(stamp)): arch=c000003e syscall=\(argv == nil ? 257 : 59) success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=\(ppid) pid=\(pid) auid=\(auid) uid=\(uid) gid=0 euid=\(uid) suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=\(auid == 4_294_967_295 ? 4_294_967_295 : 3) comm=\"x\" exe=\"\(exe)\" key=\"exec\""]
        if let argv {
            let args = argv.enumerated().map { index, arg in
                arg.contains(" ") || arg.contains("\"") ? "a\(index)=" + arg.utf8.map { String(format: "%02X", $0) }.joined() : "a\(index)=\"\(arg)\""
            }
            lines.append("type=EXECVE msg=audit(\(stamp)): argc=\(argv.count) " + args.joined(separator: " "))
        }
        lines.append("type=CWD msg=audit(\(stamp)): cwd=\"\(cwd)\"")
        return lines.joined(separator: "\n")
    }

    /// alice runs `docker run`, containerd starts a shim, runc creates the container (with a
    /// dockerd hook) and later runs `docker exec`; the container's shell forks a child.
    static func workload() -> [AuditEvent] {
        let shim = ["/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", id, "-address", "/run/containerd.sock"]
        let log = [
            event(1, 100.0, pid: 500, ppid: 400, exe: "/usr/bin/docker", argv: ["docker", "run", "-d", "-w", "/work", "--name", "web", "busybox", "sh", "-c", "sleep 9"], auid: 1000, uid: 1000, cwd: "/home/alice"),
            event(2, 100.2, pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", argv: shim),
            event(3, 100.3, pid: 610, ppid: 600, exe: "/usr/sbin/runc", argv: ["runc", "--root", "/run/runc", "create", "--bundle", "/run/b/" + id, id], cwd: "/run/b/" + id),
            event(4, 100.4, pid: 611, ppid: 610, exe: "/usr/sbin/runc", argv: ["runc", "init"], cwd: "/run/b/" + id),
            event(5, 100.5, pid: 612, ppid: 610, exe: "/usr/sbin/dockerd", argv: ["libnetwork-setkey", "-exec-root=/var/run/docker", id], cwd: "/run/b/" + id),
            event(6, 100.6, pid: 613, ppid: 610, exe: "/bin/busybox", argv: ["sh", "-c", "sleep 9"], cwd: "/work"),
            event(7, 101.0, pid: 613, ppid: 600, exe: "/bin/busybox", cwd: "/work"),
            event(8, 101.1, pid: 614, ppid: 613, exe: "/bin/busybox", argv: ["sleep", "9"], cwd: "/work"),
            event(9, 102.0, pid: 620, ppid: 600, exe: "/usr/sbin/runc", argv: ["runc", "exec", "--process", "/tmp/p.json", id], cwd: "/run/b/" + id),
            event(10, 102.1, pid: 622, ppid: 620, exe: "/bin/busybox", argv: ["ls", "/"], cwd: "/work"),
            event(11, 102.2, pid: 700, ppid: 1, exe: "/usr/bin/touch", argv: ["touch", "/tmp/host"], cwd: "/tmp"),
        ].joined(separator: "\n") + "\n"
        return EventStream.events(in: log)
    }

    /// Each event placed in log order, by serial, with the tracker and the catalog they filled.
    static func track(_ events: [AuditEvent]) -> (placements: [UInt64: Placement], tracker: ProcessTracker, catalog: ContainerCatalog) {
        var tracker = ProcessTracker()
        var catalog = ContainerCatalog()
        var placements: [UInt64: Placement] = [:]
        for event in events { placements[event.id.serial] = catalog.add(TrackedEvent(event), tracker: &tracker) }
        catalog.finish()
        return (placements, tracker, catalog)
    }

    @Test func containerProcessesAndOnlyThem() {
        let (placements, tracker, _) = Self.track(Self.workload())
        #expect(tracker.launches.map(\.id) == [Self.id])
        // The container's shell, its child, and the docker exec's program.
        #expect([6, 7, 8, 10].map { placements[$0]?.container } == [Self.id, Self.id, Self.id, Self.id])
        // The shim, runc create, its dockerd hook, runc exec, the client and a host process are the host's.
        for serial in [2, 3, 5, 9, 1, 11] as [UInt64] {
            #expect(placements[serial]?.container == nil, "serial \(serial)")
        }
        // runc init is the container's first step.
        #expect(placements[4]?.container == Self.id)
        #expect(placements[10]?.execSession == 102.0 && placements[8]?.execSession == nil)
    }

    @Test func theActorIsTheLoginUserBehindTheClient() {
        let catalog = ContainerCatalog(events: Self.workload())
        let web = catalog.containers.first
        #expect(web?.name == "web" && web?.image == "busybox" && web?.nameSource == "docker argv")
        #expect(web?.actor?.auid == 1000 && web?.actor?.byTiming == true)
        #expect(catalog.find("web")?.id == Self.id && catalog.find("0fc5e5")?.id == Self.id && catalog.find("0f") == nil)
    }

    /// `docker rm -f web; docker run --name web` again: the engine names only the second
    /// container "web", and each run and exec belongs to the container of its own time.
    @Test func aNameUsedAgainNamesTheLaterContainer() {
        let first = String(repeating: "a", count: 64), second = String(repeating: "b", count: 64)
        func shim(_ id: String) -> [String] { ["/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", id, "-address", "/run/c.sock"] }
        let log = [
            Self.event(1, 100.0, pid: 500, ppid: 400, exe: "/usr/bin/docker", argv: ["docker", "run", "-d", "--name", "web", "busybox"]),
            Self.event(2, 100.2, pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", argv: shim(first)),
            Self.event(3, 101.0, pid: 501, ppid: 400, exe: "/usr/bin/docker", argv: ["docker", "exec", "web", "ls"]),
            Self.event(4, 200.0, pid: 502, ppid: 401, exe: "/usr/bin/docker", argv: ["docker", "run", "-d", "--name", "web", "busybox"], auid: 1000, uid: 1000),
            Self.event(5, 200.2, pid: 601, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", argv: shim(second)),
            Self.event(6, 201.0, pid: 503, ppid: 401, exe: "/usr/bin/docker", argv: ["docker", "exec", "web", "ls"], auid: 1000, uid: 1000),
        ].joined(separator: "\n") + "\n"
        let catalog = ContainerCatalog(events: EventStream.events(in: log),
                                       engine: [EngineContainerEntry(id: second, name: "web", image: "busybox")])
        let byID = Dictionary(uniqueKeysWithValues: catalog.containers.map { ($0.id, $0) })
        #expect(byID[first]?.actor?.pid == 500 && byID[first]?.actor?.byTiming == true)
        #expect(byID[second]?.actor?.pid == 502 && byID[second]?.actor?.byTiming == false)
        #expect(byID[first]?.commands.filter { $0.verb == "exec" }.map(\.pid) == [501])
        #expect(byID[second]?.commands.filter { $0.verb == "exec" }.map(\.pid) == [503])
        #expect(catalog.text(userName: { [1000: "alice"][$0] }).contains("started by: alice (session 3): docker run -d --name web busybox"))
    }

    /// The client's exec logged just after the shim's (the log's order is not the clock's):
    /// the container claims it at the end of the log.
    @Test func aCommandLoggedAfterTheLaunchIsClaimedAtTheEnd() {
        let shim = ["/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", Self.id, "-address", "/run/c.sock"]
        let log = [
            Self.event(2, 100.2, pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", argv: shim),
            Self.event(1, 100.4, pid: 500, ppid: 400, exe: "/usr/bin/docker", argv: ["docker", "run", "-d", "--name", "web", "busybox"], auid: 1000, uid: 1000),
        ].joined(separator: "\n") + "\n"
        let catalog = ContainerCatalog(events: EventStream.events(in: log))
        #expect(catalog.containers.first?.name == "web" && catalog.containers.first?.actor?.auid == 1000)
    }

    /// A shim in the log, and nothing else of the container: the text says why it has no
    /// name and no events instead of "(no name) ? events 0".
    @Test func aContainerWithoutNameOrEventsIsExplained() {
        let shim = ["/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", Self.id, "-address", "/run/containerd.sock"]
        let catalog = ContainerCatalog(events: EventStream.events(in: Self.event(2, 100.2, pid: 600, ppid: 1,
            exe: "/usr/bin/containerd-shim-runc-v2", argv: shim) + "\n"))
        let text = catalog.text(userName: { _ in nil })
        #expect(text.hasPrefix("(name unknown)  0fc5e54edb17  (image unknown)\n"), "\(text)")
        #expect(text.contains("    name unknown: the engine and Docker's files no longer have it (removed)"))
        #expect(text.contains("    no audited events: the log has its launch at 1970-01-01T00:01:40.200Z"), "\(text)")
    }

    @Test func namesAndImagesFromConfigFiles() throws {
        let root = NSTemporaryDirectory() + "dockaudit-config-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/var/lib/docker/containers/" + Self.id
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(#"{"Name":"/api","Config":{"Image":"registry.local/api:2"}}"#.utf8).write(to: URL(fileURLWithPath: dir + "/config.v2.json"))
        let catalog = ContainerCatalog(events: Self.workload(), files: LocalHostFiles(root: root))
        #expect(catalog.containers.first?.name == "api" && catalog.containers.first?.image == "registry.local/api:2")
        #expect(catalog.containers.first?.nameSource == "config.v2.json")
        // The files name it api; the only client command named web: that command started another container.
        #expect(catalog.containers.first?.actor == nil)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: dir + "/config.v2.json"))
        let broken = ContainerCatalog(events: Self.workload(), files: LocalHostFiles(root: root))
        #expect(broken.containers.first?.name == "web")   // falls back to the client's argv
    }

    @Test func aLogStartingAfterTheLaunchStillKnowsExecSessions() {
        let late = Array(Self.workload().dropFirst(8))   // no shim exec in it, only the later docker exec
        let (placements, tracker, _) = Self.track(late)
        #expect(tracker.launches == [ContainerLaunch(id: Self.id, started: 102.0)])   // runc exec names the container
        #expect(placements[10]?.container == Self.id)
        #expect(placements[11]?.container == nil)
        // Later than the exec, with no chain at all: nothing is claimed.
        let (later, _, _) = Self.track(Array(Self.workload().dropFirst(10)))
        #expect(later[11]?.container == nil && later.count == 1)
    }

    @Test func dockerClientCommandLines() {
        func command(_ argv: [String]) -> DockerClientCommand? {
            DockerClientCommand(ProcessSighting(time: 1, pid: 2, ppid: 1, exe: "/usr/bin/docker", comm: "docker", auid: 1000,
                                                uid: 1000, ses: 3, tty: "pts0", argv: argv, serial: 1))
        }
        let run = command(["docker", "run", "-d", "-v", "/a:/b", "--name=web", "--init", "-e", "X=1", "nginx:1", "sh"])
        #expect(run?.verb == "run" && run?.target == "web" && run?.image == "nginx:1")
        let exec = command(["/usr/local/bin/docker", "exec", "-it", "-u", "root", "web", "sh"])
        #expect(exec?.verb == "exec" && exec?.target == "web")
        #expect(command(["docker", "container", "start", "db"])?.target == "db")
        #expect(command(["docker", "cp", "/etc/hostname", "web:/tmp/h"])?.target == "web")
        #expect(command(["docker", "ps"]) == nil && command(["dockerd"]) == nil)
    }

    @Test func longArgumentsAreJoined() {
        let log = "type=SYSCALL msg=audit(5.000:1): arch=c000003e syscall=59 success=yes exit=0 items=1 ppid=1 pid=9 auid=0 uid=0 exe=\"/bin/echo\"\n"
            + "type=EXECVE msg=audit(5.000:1): argc=2 a0=\"echo\" a1_len=6 a1[0]=\"abc\" a1[1]=\"def\"\n"
        #expect(EventStream.events(in: log).first.flatMap(ProcessSighting.init)?.argv == ["echo", "abcdef"])
    }

    @Test func cgroupsNameTheirContainer() {
        let id = Self.id
        #expect(ContainerCatalog.containerID(inCgroup: "0::/docker/\(id)\n") == id)
        #expect(ContainerCatalog.containerID(inCgroup: "0::/system.slice/docker-\(id).scope\n") == id)
        #expect(ContainerCatalog.containerID(inCgroup: "0::/user.slice/user-1000.slice/session-3.scope\n") == nil)
    }

    @Test func aPidUsedAgainAfterItsExitIsAnotherProcess() {
        let log = [
            "type=SYSCALL msg=audit(10.000:1): arch=c000003e syscall=59 success=yes exit=0 ppid=100 pid=200 auid=1000 uid=1000 exe=\"/bin/sh\"",
            "type=EXECVE msg=audit(10.000:1): argc=1 a0=\"sh\"",
            "type=SYSCALL msg=audit(11.000:2): arch=c000003e syscall=231 success=yes exit=0 ppid=100 pid=200 auid=1000 uid=1000 exe=\"/bin/sh\"",
            "type=SYSCALL msg=audit(20.000:3): arch=c000003e syscall=59 success=yes exit=0 ppid=300 pid=200 auid=0 uid=0 exe=\"/usr/bin/cron\"",
            "type=EXECVE msg=audit(20.000:3): argc=1 a0=\"cron\"",
        ].joined(separator: "\n") + "\n"
        var tracker = ProcessTracker()
        var programs: [[String]] = []
        for event in EventStream.events(in: log) {
            _ = tracker.place(event)
            programs.append(tracker.ancestry(of: 200).map(\.program))
        }
        // The exit is placed with its process; after it, pid 200 is the next process: cron, root's.
        #expect(programs == [["sh"], ["sh"], ["cron"]])
        #expect(tracker.ancestry(of: 200).first?.auid == 0 && tracker.processCount == 1)
    }

    /// The tree starts at the login that opened the session: sshd, the address, the time.
    @Test func theTreeShowsTheLoginHopAboveTheShell() {
        let login = [
            "type=USER_START msg=audit(99.000:90): pid=390 uid=0 auid=1000 ses=3 msg='op=PAM:session_open grantors=pam_unix acct=\"alice\" exe=\"/usr/sbin/sshd\" hostname=10.0.0.7 addr=10.0.0.7 terminal=ssh res=success'",
            "type=USER_START msg=audit(99.500:91): pid=450 uid=1000 auid=1000 ses=3 msg='op=PAM:session_open grantors=pam_unix acct=\"root\" exe=\"/usr/bin/sudo\" hostname=? addr=? terminal=/dev/pts/1 res=success'",
            Self.event(92, 99.8, pid: 400, ppid: 391, exe: "/usr/bin/bash", argv: ["-bash"], auid: 1000, uid: 1000, cwd: "/home/alice"),
        ].joined(separator: "\n") + "\n"
        var tracker = ProcessTracker()
        var hops: [ProcessHop] = []
        for event in EventStream.events(in: login) + Self.workload() {
            _ = tracker.place(event)
            if event.id.serial == 1 { hops = tracker.ancestry(of: 500) }     // docker run, at 100.0
        }
        #expect(tracker.logins[3]?.address == "10.0.0.7", "sudo's session_open is no login")
        let tree = TreeText.render(hops, pid: 500, logins: tracker.logins, userName: { [1000: "alice"][$0] })
        let lines = tree.split(separator: "\n")
        #expect(lines.first?.hasPrefix("390 sshd login of alice from 10.0.0.7 on ssh at ") == true, "\(tree)")
        #expect(lines.first?.hasSuffix("(session 3)") == true)
        #expect(lines.dropFirst().first?.hasPrefix("  └─ 400 -bash  uid=alice auid=alice") == true, "\(tree)")
        #expect(lines.last?.hasPrefix("    └─ 500 docker run") == true)
    }

    /// Memory follows the processes alive, not the log: a daemon's thousands of syscalls are
    /// one entry, and a thousand short-lived children that exit leave none.
    @Test func theTrackerHoldsWhatIsAlive() {
        var lines = (1...1_000).map { Self.event($0, 100.0 + Double($0) / 1_000, pid: 300, ppid: 1, exe: "/usr/sbin/dockerd") }
        for child in 0..<1_000 {
            lines.append(Self.event(2_000 + 2 * child, 102.0 + Double(child) / 1_000, pid: 10_000 + child, ppid: 300, exe: "/bin/true", argv: ["true"]))
            lines.append("type=SYSCALL msg=audit(\(String(format: "%.3f", 102.0005 + Double(child) / 1_000)):\(2_001 + 2 * child)): arch=c000003e syscall=231 success=yes exit=0 ppid=300 pid=\(10_000 + child) auid=4294967295 uid=0 exe=\"/bin/true\"")
        }
        var tracker = ProcessTracker()
        for event in EventStream.events(in: lines.joined(separator: "\n") + "\n") { _ = tracker.place(event) }
        #expect(tracker.processCount <= 2, "\(tracker.processCount) processes held")
    }

    /// runc exec may exit before the session's program starts; the shim adopts it, and the
    /// log shows the session's shell under the shim. Its actor is still who ran the exec.
    @Test func anAdoptedExecSessionKeepsItsUser() {
        let shim = ["/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", Self.id, "-address", "/run/c.sock"]
        let log = [
            Self.event(1, 100.0, pid: 500, ppid: 400, exe: "/usr/bin/docker", argv: ["docker", "run", "-d", "--name", "web", "busybox"], auid: 1000, uid: 1000),
            Self.event(2, 100.2, pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", argv: shim),
            Self.event(3, 100.4, pid: 613, ppid: 600, exe: "/bin/busybox", argv: ["sleep", "60"]),
            Self.event(4, 101.8, pid: 700, ppid: 401, exe: "/usr/bin/docker", argv: ["docker", "exec", "web", "sh", "-c", "touch e1"], auid: 1001, uid: 1001),
            Self.event(5, 102.0, pid: 620, ppid: 600, exe: "/usr/sbin/runc", argv: ["runc", "exec", "--process", "/tmp/p.json", Self.id]),
            Self.event(6, 102.1, pid: 621, ppid: 620, exe: "/usr/sbin/runc", argv: ["runc", "init"]),
            Self.event(7, 102.3, pid: 623, ppid: 600, exe: "/bin/busybox", argv: ["sh", "-c", "touch e1"]),
            Self.event(8, 102.4, pid: 624, ppid: 623, exe: "/bin/busybox", argv: ["touch", "e1"]),
        ].joined(separator: "\n") + "\n"
        let (placements, _, catalog) = Self.track(EventStream.events(in: log))
        let session = placements[8]!
        #expect(session.container == Self.id)
        #expect(catalog.actor(for: session)?.auid == 1001, "the exec's user, not the container's starter")
        #expect(catalog.actor(for: placements[3]!)?.auid == 1000, "the container's own process stays its starter's")
    }
}
