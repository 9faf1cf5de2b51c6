import AuditLog
import ContainerTrace
import Foundation
import Testing
import HostIO

/// Container attribution measured on a real log with the truth known
/// (scripts/record-containers): each container works in its own directory, which every
/// CWD record of its processes shows; root works on the host in /tmp/dockaudit-host-work.
@Suite(.enabled(if: Environment.inCI || Environment.containerLog != nil))
struct ContainerAccuracyTests {
    struct Truth {
        var workdirs: [(prefix: String, name: String)] = []
        var users: [String: String] = [:]
    }

    private func load() throws -> (events: [AuditEvent], truth: Truth) {
        let dir = try #require(Environment.containerLog, "DOCKAUDIT_CONTAINERS is not set (scripts/test records it)")
        var truth = Truth()
        for line in try String(contentsOfFile: dir + "/truth.tsv", encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "\t").map(String.init)
            truth.workdirs.append((parts[1], parts[0]))
            truth.users[parts[0]] = parts[2]
        }
        var events: [AuditEvent] = []
        var stream = EventStream()
        try stream.scan(files: try LogFiles.resolve([dir])) { events.append($0) }
        return (events, truth)
    }

    /// The events placed in one pass, as the commands place them, and the catalog they fill.
    private func placed(_ events: [AuditEvent]) -> (catalog: ContainerCatalog, placements: [Placement?]) {
        var tracker = ProcessTracker()
        var catalog = ContainerCatalog()
        let placements = events.map { catalog.add(TrackedEvent($0), tracker: &tracker) }
        catalog.finish()
        return (catalog, placements)
    }

    @Test func eventsGoToTheRightContainerAndHostEventsToNone() throws {
        let (events, truth) = try load()
        let (catalog, placements) = placed(events)
        var containerEvents = 0, right = 0, hostEvents = 0, hostMisattributed = 0
        var wrong: [String] = []
        for (event, placement) in zip(events, placements) {
            guard let cwd = event.first(MessageType(number: 1307))?.value(of: "cwd"), let placement else { continue }
            let id = placement.container
            let name = id.flatMap { id in catalog.containers.first { $0.id == id }?.name }
            if let expected = truth.workdirs.first(where: { cwd == $0.prefix || cwd.hasPrefix($0.prefix + "/") })?.name {
                containerEvents += 1
                if name == expected { right += 1 } else if wrong.count < 5 { wrong.append("serial \(event.id.serial) cwd \(cwd): \(name ?? "host")") }
            } else if cwd.hasPrefix("/tmp/dockaudit-host-work") {
                hostEvents += 1
                if id != nil { hostMisattributed += 1 }
            }
        }
        let accuracy = containerEvents == 0 ? 0 : Double(right) / Double(containerEvents)
        print("container attribution: \(right) of \(containerEvents) container events (\(String(format: "%.2f", accuracy * 100))%), \(hostMisattributed) of \(hostEvents) host events attributed to a container")
        #expect(containerEvents > 300, "the workload made too few container events to measure")
        #expect(hostEvents > 100)
        #expect(accuracy >= 0.99, "\(wrong)")
        #expect(hostMisattributed == 0)
    }

    @Test func everyContainerHasItsLoginUserAsActor() throws {
        let (events, truth) = try load()
        let (catalog, placements) = placed(events)
        let uids = Dictionary(uniqueKeysWithValues: Set(truth.users.values).map { user in
            (user, getpwnam(user).map { $0.pointee.pw_uid })
        })
        var right = 0
        for (name, user) in truth.users {
            let info = try #require(catalog.containers.first { $0.name == name }, "\(name) not found")
            if let expected = uids[user] ?? nil, info.actor?.auid == expected { right += 1 } else {
                Issue.record("\(name): actor \(String(describing: info.actor)), expected \(user)")
            }
        }
        print("container actors: \(right) of \(truth.users.count) right")
        // docker exec sessions (scripts/record-containers): bob into c1, alice into c2; only
        // they make the files e1…e8 and x1…x8, so those events are the sessions' whatever path
        // the processes took (runc exec may exit before the session's program starts, and the
        // shim adopts it: the log shows either).
        let execUsers = ["dockaudit-c1": uids["bob"] ?? nil, "dockaudit-c2": uids["alice"] ?? nil]
        var sessionEvents = 0, sessionRight = 0
        for (event, placement) in zip(events, placements) {
            guard let placement, let id = placement.container,
                  let name = catalog.containers.first(where: { $0.id == id })?.name, let expected = execUsers[name] ?? nil,
                  event.records.contains(where: { record in
                      record.type == .path && record.text(of: "nametype") == "CREATE"
                          && (record.text(of: "name")?.split(separator: "/").last).map { $0.wholeMatch(of: /[ex][1-8]/) != nil } == true
                  }) else { continue }
            sessionEvents += 1
            if catalog.actor(for: placement)?.auid == expected { sessionRight += 1 }
        }
        print("docker exec sessions: \(sessionRight) of \(sessionEvents) events with the exec's login user as actor")
        #expect(sessionEvents >= 24 && sessionRight == sessionEvents, "the two exec sessions (32 files) must show up, each with its user")
    }
}

extension ContainerAccuracyTests {
    @Test func theCommandsOnTheRecordedLog() throws {
        let dir = try #require(Environment.containerLog)
        let listed = try run(Environment.binary, ["containers", "-if", dir, "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["name"] as? String }) == ["dockaudit-c1", "dockaudit-c2", "dockaudit-c3-1",
                                                                   "dockaudit-c3-2", "dockaudit-c3-3", "dockaudit-c4"])
        let c4 = try #require(rows.first { $0["name"] as? String == "dockaudit-c4" })
        let verbs = (c4["commands"] as? [[String: Any]])?.compactMap { $0["verb"] as? String }
        #expect(verbs == ["run", "cp"], "docker cp into c4 is one of its commands")
        let one = try run(Environment.binary, ["search", "-if", dir, "--container", "dockaudit-c1", "-m", "EXECVE", "--format", "json"])
        #expect(one.status == 0)
        for line in one.lines where !line.isEmpty {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((object["container"] as? [String: Any])?["name"] as? String == "dockaudit-c1")
        }
        // The log is read once: standard input gives the same events, names and actors.
        let log = try Data(contentsOf: URL(fileURLWithPath: try joinedLog(dir)))
        let piped = try run(Environment.binary, ["search", "-if", "-", "--container", "dockaudit-c1", "-m", "EXECVE", "--format", "json"], stdin: log)
        #expect(piped.status == 0 && piped.stdout == one.stdout)
        let pipedList = try run(Environment.binary, ["containers", "-if", "-", "--format", "json"], stdin: log)
        #expect(pipedList.stdout == listed.stdout)
        let none = try run(Environment.binary, ["search", "-if", dir, "--container", "no-such-container"])
        #expect(none.status == 1 && none.stderr.contains("no container 'no-such-container'"))
        let serial = try #require(one.lines.last(where: { !$0.isEmpty }).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }?["serial"] as? Int)
        let tree = String(decoding: try run(Environment.binary, ["tree", "-if", dir, "--event", String(serial)]).stdout, as: UTF8.self)
        #expect(tree.contains("containerd-shim-runc-v2") && tree.contains("⋮ dockerd and containerd"))
        // The login's sshd process shows up in the log only after the client it started (one
        // pass has no look-ahead): then the login line names its pid.
        #expect(tree.contains(/^(\d+ )?sshd login of (alice|bob) from 127\.0\.0\.1 on ssh at [^\n]+ \(session \d+\)\n/), "the tree starts at the login: \(tree)")
    }
}
