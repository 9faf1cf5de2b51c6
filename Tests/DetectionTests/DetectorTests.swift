import AuditLog
import AuditRules
import BootAnalysis
import ContainerTrace
import HostCheck
@testable import Detection
import Foundation
import Testing
import TestSupport

/// Each built-in detection on a launch chain written in auditd's record formats: alice
/// starts container "web"; its processes act; the host acts beside it.
@Suite struct DetectorTests {
    static let id = String(repeating: "d", count: 64)

    static func event(_ serial: Int, _ time: Double, pid: Int, ppid: Int, exe: String, syscall: Int = 59, argv: [String]? = nil,
                      args: [String] = ["0", "0", "0", "0"], auid: UInt32 = 1000, tty: String = "(none)", extra: [String] = []) -> String {
        let stamp = String(format: "%.3f:%d", time, serial)
        var lines = ["type=SYSCALL msg=audit(\(stamp)): arch=c000003e syscall=\(syscall) success=yes exit=0 a0=\(args[0]) a1=\(args[1]) a2=\(args[2]) a3=\(args[3]) items=1 ppid=\(ppid) pid=\(pid) auid=\(auid) uid=0 gid=0 euid=0 tty=\(tty) ses=3 comm=\"x\" exe=\"\(exe)\" key=(null)"]
        if let argv {
            lines.append("type=EXECVE msg=audit(\(stamp)): argc=\(argv.count) " + argv.enumerated().map { "a\($0.offset)=\"\($0.element)\"" }.joined(separator: " "))
        }
        lines += extra.map { "type=\($0.prefix { $0 != " " }) msg=audit(\(stamp)): " + $0.drop { $0 != " " }.dropFirst() }
        return lines.joined(separator: "\n")
    }

    static func launch(socket: Bool = false) -> [String] {
        [
            event(1, 100.0, pid: 500, ppid: 400, exe: "/usr/bin/docker",
                  argv: ["docker", "run", "-d"] + (socket ? ["-v", "/var/run/docker.sock:/var/run/docker.sock"] : []) + ["--name", "web", "busybox", "sh"]),
            event(2, 100.2, pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", argv: ["containerd-shim-runc-v2", "-namespace", "moby", "-id", id], auid: 4_294_967_295),
            event(3, 100.3, pid: 610, ppid: 600, exe: "/usr/sbin/runc", argv: ["runc", "create", "--bundle", "/b", id], auid: 4_294_967_295),
            event(4, 100.4, pid: 611, ppid: 610, exe: "/usr/sbin/runc", argv: ["runc", "init"], auid: 4_294_967_295),
            // runc init's clone sets up the container: its mounts are the launch, not an act.
            event(5, 100.5, pid: 612, ppid: 611, exe: "/", syscall: 165, auid: 4_294_967_295),
            event(6, 100.6, pid: 612, ppid: 600, exe: "/bin/busybox", argv: ["sh"]),
        ]
    }

    func alerts(_ lines: [String], only: Set<String>? = nil, windows: [MaintenanceWindow] = []) throws -> [Alert] {
        var tracker = ProcessTracker()
        var catalog = ContainerCatalog()
        var detector = Detector(enabled: only ?? Set(BuiltInDetections.all.map(\.id)))
        detector.maintenanceWindows = windows
        var alerts: [Alert] = []
        for event in EventStream.events(in: lines.joined(separator: "\n") + "\n") {
            let clues = EventClues(event)
            let placement = catalog.add(clues.tracked, tracker: &tracker)
            alerts += detector.inspect(clues, placement: placement, catalog: catalog)
        }
        return alerts + detector.finish()
    }

    @Test func aQuietContainerRaisesNothing() throws {
        #expect(try alerts(Self.launch()).isEmpty)
    }

    @Test func theDockerSocketMountedNamesTheContainerAndTheUser() throws {
        let found = try alerts(Self.launch(socket: true))
        #expect(found.map(\.detection.id) == ["docker-socket-mount"])
        #expect(found.first?.container?.name == "web" && found.first?.auid == 1000 && found.first?.event.serial == 1)
    }

    @Test func aShellOnATerminalInTheContainer() throws {
        let found = try alerts(Self.launch() + [Self.event(7, 101, pid: 620, ppid: 612, exe: "/bin/busybox", argv: ["bash"], tty: "pts0")])
        #expect(found.map(\.detection.id) == ["container-terminal-shell"])
        #expect(found.first?.container?.id == Self.id)
    }

    @Test func aConnectOutThenAShellIsAReverseShell() throws {
        let connect = Self.event(7, 101, pid: 630, ppid: 612, exe: "/bin/busybox", syscall: 42, args: ["3", "0", "10", "0"],
                                 extra: ["SOCKADDR saddr=0200115C0A0000010000000000000000"])
        let shell = Self.event(8, 101.5, pid: 630, ppid: 612, exe: "/bin/busybox", argv: ["sh", "-i"])
        #expect(try alerts(Self.launch() + [connect, shell]).map(\.detection.id) == ["container-reverse-shell"])
    }

    @Test func theDockerAPIFromInsideAContainer() throws {
        let socket = "/var/run/docker.sock".utf8.map { String(format: "%02X", $0) }.joined()
        let connect = Self.event(7, 101, pid: 631, ppid: 612, exe: "/usr/bin/curl", syscall: 42, extra: ["SOCKADDR saddr=0100\(socket)00"])
        #expect(try alerts(Self.launch() + [connect]).map(\.detection.id) == ["docker-socket-from-container"])
    }

    @Test func aFileWrittenInTheContainerThenRunIsDrift() throws {
        let write = Self.event(7, 101, pid: 640, ppid: 612, exe: "/usr/bin/wget", syscall: 257, args: ["ffffff9c", "7ffd", "241", "1b6"],
                               extra: ["CWD cwd=\"/work\"", "PATH item=0 name=\"/work/\" nametype=PARENT", "PATH item=1 name=\"miner\" nametype=CREATE"])
        let run = Self.event(8, 102, pid: 641, ppid: 612, exe: "/work/miner", argv: ["./miner"])
        #expect(try alerts(Self.launch() + [write, run]).map(\.detection.id) == ["container-drift"])
    }

    @Test func kernelModulesMountsAndNamespacesFromAContainer() throws {
        let lines = Self.launch() + [
            Self.event(7, 101, pid: 650, ppid: 612, exe: "/sbin/insmod", syscall: 313),
            Self.event(8, 102, pid: 651, ppid: 612, exe: "/bin/mount", syscall: 165),
            Self.event(9, 103, pid: 652, ppid: 612, exe: "/usr/bin/nsenter", argv: ["nsenter", "-t", "1", "-m", "sh"]),
        ]
        let found = try alerts(lines)
        #expect(found.map(\.detection.id) == ["container-kernel-module", "container-mount", "container-namespace-escape"])
        #expect(found.map(\.detection.severity) == [.critical, .high, .high])
    }

    @Test func theHostsOwnDetections() throws {
        let lines = [
            Self.event(1, 100, pid: 700, ppid: 1, exe: "/usr/bin/gdb", syscall: 101, args: ["10", "1234", "0", "0"]),
            "type=CONFIG_CHANGE msg=audit(101.000:2): auid=1000 ses=3 op=set audit_enabled=0 old=1 res=1",
            Self.event(3, 102, pid: 701, ppid: 1, exe: "/usr/bin/vi", syscall: 257, args: ["ffffff9c", "7ffd", "241", "1b6"],
                       extra: ["CWD cwd=\"/root\"", "PATH item=0 name=\"/etc/docker/daemon.json\" nametype=NORMAL"]),
            Self.event(4, 103, pid: 702, ppid: 1, exe: "/tmp/x", argv: ["/tmp/x"]),
            Self.event(5, 104, pid: 703, ppid: 1, exe: "/usr/bin/cp", syscall: 257, args: ["ffffff9c", "7ffd", "241", "1ed"],
                       extra: ["PATH item=0 name=\"/usr/bin/\" nametype=PARENT", "PATH item=1 name=\"/usr/bin/ls\" nametype=CREATE"]),
        ]
        let found = try alerts(lines)
        #expect(found.map(\.detection.id) == ["ptrace-attach", "audit-tampering", "docker-daemon-config-change", "execution-from-temp",
                                              "binary-directory-write"])
        #expect(try alerts(lines, only: ["ptrace-attach"]).count == 1)
    }

    /// `-e 2`, then the kernel's boot record: the rules could only change through that reboot.
    @Test func aRebootOfAnImmutableHost() throws {
        let lines = [
            "type=CONFIG_CHANGE msg=audit(1000.000:1): op=set audit_enabled=2 old=1 auid=4294967295 ses=4294967295 res=1",
            "type=SYSTEM_BOOT msg=audit(5000.000:2): pid=1 uid=0 auid=4294967295 ses=4294967295 msg=' comm=\"systemd-update-utmp\" exe=\"/usr/lib/systemd/systemd-update-utmp\" hostname=? addr=? terminal=? res=success'",
            "type=SYSTEM_BOOT msg=audit(9000.000:3): pid=1 uid=0 auid=4294967295 ses=4294967295 msg=' comm=\"systemd-update-utmp\" exe=\"/usr/lib/systemd/systemd-update-utmp\" hostname=? addr=? terminal=? res=success'",
        ]
        let found = try alerts(lines)
        #expect(found.map(\.detection.id) == ["reboot-while-immutable"], "the second boot came after no new -e 2")
        #expect(found.first?.event.serial == 2)
        #expect(try alerts(lines, windows: [try #require(MaintenanceWindow("daily 00:00-23:59"))]).isEmpty, "a planned reboot")
    }

    @Test func alertsAsJSONAndText() throws {
        let alert = try #require(try alerts(Self.launch(socket: true)).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(alert.json(userName: { $0 == 1000 ? "alice" : nil }).utf8)) as? [String: Any])
        #expect(object["rule"] as? String == "docker-socket-mount" && object["severity"] as? String == "high")
        #expect(object["event"] as? String == "100.000:1" && (object["mitre"] as? [String])?.contains("T1610") == true)
        #expect((object["container"] as? [String: Any])?["name"] as? String == "web")
        #expect((object["actor"] as? [String: Any])?["user"] as? String == "alice")
        #expect(alert.text(userName: { _ in "alice" }).contains("HIGH docker-socket-mount: docker run -d -v /var/run/docker.sock"))
    }
}

/// Allowlists: an entry accepts the alerts it names until its day has passed.
@Suite struct AllowlistTests {
    @Test func entriesAcceptUntilTheyExpire() throws {
        let list = try Allowlist(yaml: """
        - detection: container-terminal-shell
          image: debug-*
          until: 2027-01-31
          reason: staging
        - detection: '*'
          exe: /usr/sbin/auditctl
          until: 2026-06-30
        """)
        var alert = Alert(detection: BuiltInDetections.containerTerminalShell, event: EventID(seconds: 1, milliseconds: 0, serial: 1),
                          container: Alert.Container(id: "c", name: "web", image: "debug-tools:1"), auid: 1000, pid: 7,
                          exe: "/bin/bash", argv: ["bash"], summary: "bash started")
        let december = Date(timeIntervalSince1970: 1_796_000_000)   // 2026-11-29
        #expect(list.entry(accepting: alert, key: nil, user: "alice", at: december)?.number == 1)
        alert.container?.image = "busybox"
        #expect(list.entry(accepting: alert, key: nil, user: "alice", at: december) == nil)
        alert.exe = "/usr/sbin/auditctl"
        #expect(list.entry(accepting: alert, key: nil, user: nil, at: december) == nil, "entry 2 expired in June")
        #expect(list.expired(at: december).map(\.number) == [2])
        #expect(list.entry(accepting: alert, key: nil, user: nil, at: Date(timeIntervalSince1970: 1_780_000_000))?.number == 2)
    }

    @Test func badEntriesAreRefusedByNumber() {
        #expect(throws: AllowlistError.self) { try Allowlist(yaml: "- detection: x\n  image: y\n") }   // no expiry
        do { _ = try Allowlist(yaml: "- detection: '*'\n  until: 2027-01-01\n") } catch {
            #expect("\(error)" == "entry 1 would allow every alert")
        }
        do { _ = try Allowlist(yaml: "- detection: x\n  colour: red\n  until: 2027-01-01\n") } catch {
            #expect("\(error)" == "entry 1: unknown field 'colour'")
        }
    }
}

/// Coverage: which detections the rules let fire.
@Suite struct DetectionCoverageTests {
    @Test func coveredPartlyAndBlind() {
        let text = """
        -a always,exit -F arch=b64 -S execve,execveat -F auid>=1000 -k exec
        -a always,exit -F arch=b64 -S ptrace -k tracing
        -w /etc -p wa -k etc
        """
        let lines = RuleFile(path: "test.rules", bytes: Array(text.utf8)).lines
        let rows = DetectionCoverage.judge(BuiltInDetections.all, rules: lines, immutable: false)
        let status = Dictionary(uniqueKeysWithValues: rows.map { ($0.detection.id, $0.status) })
        #expect(status["ptrace-attach"] == .covered, "any key will do")
        #expect(status["execution-from-temp"] == .partly, "auid>=1000 leaves out services")
        #expect(status["docker-socket-from-container"] == .blind)
        #expect(status["reboot-while-immutable"] == .blind)
        #expect(rows.first { $0.detection.id == "docker-socket-from-container" }?.missing == ["-a always,exit -F arch=b64 -S connect -k network"])
        #expect(DetectionCoverage.judge([BuiltInDetections.rebootWhileImmutable], rules: [], immutable: true).first?.status == .covered)
        // The watch on /etc covers /etc/docker and /etc/audit, not /var/log/audit.
        #expect(status["audit-tampering"] == .blind && status["docker-daemon-config-change"] == .blind)
    }

    /// check's detect-coverage: a warning naming the blind detections, a pass when the profile is loaded.
    @Test func checkWarnsOfTheBlindDetections() {
        var snapshot = HostSnapshot()
        snapshot.loadedRules = .value(RuleFile(path: "auditctl -l", bytes: Array("-a always,exit -F arch=b64 -S ptrace -k ptrace\n".utf8)).lines)
        snapshot.status = .value(AuditStatus(parsing: "enabled 2\n"))
        let blind = DetectionCoverage.check(snapshot)
        #expect(blind.first?.status == .warn)
        #expect(blind.first?.evidence.contains { $0.hasPrefix("blind: docker-socket-from-container (add -a always,exit -F arch=b64 -S connect") } == true)
        let profile = DetectRuleProfile.text(pathExists: { _ in true }, immutable: false)
        snapshot.loadedRules = .value(RuleFile(path: "auditctl -l", bytes: Array(profile.utf8)).lines)
        #expect(DetectionCoverage.check(snapshot).first?.status == .pass, "\(DetectionCoverage.check(snapshot).first?.evidence ?? [])")
        #expect(DetectionCoverage.check(HostSnapshot()).first?.status == .skip)
    }
}
