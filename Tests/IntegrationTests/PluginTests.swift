import Foundation
import Testing

/// The auditd plugin, on this kernel's auditd: installed into the running daemon (plugins.d,
/// then SIGHUP) for the container recording's workload (scripts/record-containers), and run
/// behind a collector that reads nothing for 30 s (scripts/record-backpressure).
@Suite(.enabled(if: Environment.inCI || Environment.containerLog != nil))
struct PluginTests {
    private typealias Event = [String: Any]

    private func events(_ path: String) throws -> (events: [Event], stats: [Event]) {
        let objects = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? Event, "not a JSON object: \(line.prefix(200))")
        }
        return (objects.filter { $0["type"] == nil }, objects.filter { $0["type"] as? String == "DOCKAUDIT_STATS" })
    }

    /// The event's id and first record type: a LOGIN and the SYSCALL of the same id are two events.
    private func key(_ event: Event) -> String {
        (event["id"] as? String ?? "") + " " + (((event["records"] as? [Event])?.first?["type"] as? String) ?? "")
    }

    private func searched(_ directory: String) throws -> [String: Event] {
        let result = try run(Environment.binary, ["search", "-if", directory, "--format", "json", "--attribute"])
        var byKey: [String: Event] = [:]
        for line in result.lines where !line.isEmpty {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? Event)
            byKey[key(event)] = event
        }
        return byKey
    }

    /// Events of the plugin's own process (its queries of the engine), which it leaves out.
    private func isPluginsOwn(_ event: Event) -> Bool {
        (event["exe"] as? String)?.hasSuffix("/dockaudit") == true
    }

    private func records(_ event: Event?) -> Data? {
        guard let records = event?["records"] else { return nil }
        return try? JSONSerialization.data(withJSONObject: records, options: [.sortedKeys])
    }

    @Test func thePluginWritesTheLogsEventsOnceWithTheSameContainersAndActors() throws {
        let directory = try #require(Environment.containerLog)
        let (plugin, stats) = try events(directory + "/plugin.json")
        let log = try searched(directory)
        let keys = plugin.map(key)
        #expect(Set(keys).count == keys.count, "an event came twice")
        var sameRecords = 0, containerEvents = 0, sameContainer = 0, sameActor = 0
        for event in plugin {
            let logged = log[key(event)]
            if records(event) == records(logged) { sameRecords += 1 }
            guard let container = event["container"] as? Event else { continue }
            containerEvents += 1
            let loggedContainer = logged?["container"] as? Event
            if ["id", "name", "image"].allSatisfy({ container[$0] as? String == loggedContainer?[$0] as? String }) { sameContainer += 1 }
            let actor = event["actor"] as? Event, loggedActor = logged?["actor"] as? Event
            if actor?["auid"] as? Int == loggedActor?["auid"] as? Int, actor?["user"] as? String == loggedActor?["user"] as? String,
               actor?["command"] as? String == loggedActor?["command"] as? String { sameActor += 1 }
        }
        let times = plugin.compactMap { $0["time"] as? String }.sorted()
        let window = try #require(times.first)...(try #require(times.last))
        let missed = log.values.filter { event in
            (event["time"] as? String).map(window.contains) == true && !isPluginsOwn(event) && !keys.contains(key(event))
        }
        print("plugin vs search --attribute: \(plugin.count) events, \(sameRecords) with the same records, \(sameContainer) of \(containerEvents) container events with the same container, \(sameActor) with the same actor; \(missed.count) of the log's events in its window missing")
        #expect(plugin.count > 1000)
        #expect(sameRecords == plugin.count)
        #expect(containerEvents > 300)
        #expect(sameContainer == containerEvents)
        #expect(sameActor == containerEvents)
        #expect(missed.isEmpty, "missing: \(missed.prefix(3).map(key))")
        let last = try #require(stats.last?["losses"] as? Event, "a stats line at the end")
        #expect((last["serial_gaps"] as? [String: Int])?.values.reduce(0, +) == 0)
        #expect(last["dropped_bytes"] as? Int == 0)
    }

    /// Up to the shim, or to the runc that stands for it (`runc create` at the launch, `runc exec` for `docker exec`).
    @Test func containerProcessesCarryTheirParentsUpToTheShim() throws {
        let directory = try #require(Environment.containerLog)
        let (plugin, _) = try events(directory + "/plugin.json")
        let inContainers = plugin.filter { $0["container"] is Event }
        let chains = inContainers.compactMap { ($0["process"] as? Event)?["parents"] as? [Event] }
        #expect(chains.count == inContainers.count)
        let endingAtRuntime = chains.filter { chain in
            guard let top = chain.last, let program = top["program"] as? String, top["in_container"] as? Bool == false else { return false }
            return program.contains("containerd-shim") || program.hasPrefix("runc ")
        }
        #expect(endingAtRuntime.count == chains.count, "\(endingAtRuntime.count) of \(chains.count) chains end at the shim or runc")
    }

    @Test func aCollectorThatPausesThirtySecondsStallsNothingAndLosesNothing() throws {
        let directory = try #require(Environment.backpressure, "DOCKAUDIT_BACKPRESSURE is not set (scripts/test records it)")
        let status = try String(contentsOfFile: directory + "/status.tsv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        let limit = try #require(status.first.flatMap { $0.count == 2 ? Int($0[1]) : nil })
        let samples = status.dropFirst().compactMap { $0.count == 2 ? (backlog: Int($0[0]) ?? 0, lost: Int($0[1]) ?? 0) : nil }
        let highest = samples.map(\.backlog).max() ?? 0
        #expect(samples.count > 20, "the kernel's status was read while the collector paused")
        #expect(highest < limit / 2, "the kernel's backlog reached \(highest) of \(limit)")
        #expect(Set(samples.map(\.lost)).count == 1, "the kernel lost events: \(samples.map(\.lost))")

        let (received, stats) = try events(directory + "/received.json")
        let log = try searched(directory)
        let times = received.compactMap { $0["time"] as? String }.sorted()
        let window = try #require(times.first)...(try #require(times.last))
        let expected = Set(log.values.filter { ($0["time"] as? String).map(window.contains) == true && !isPluginsOwn($0) }.map(key))
        let got = received.map(key)
        #expect(Set(got).count == got.count, "an event came twice")
        let losses = try #require(stats.last?["losses"] as? Event)
        print("backpressure: backlog at most \(highest) of \(limit); \(got.count) of \(expected.count) events received; spilled \(losses["spilled_bytes"] ?? 0) bytes, dropped \(losses["dropped_bytes"] ?? 0)")
        #expect(got.count > 10_000)
        #expect(expected.subtracting(got).isEmpty, "missing: \(expected.subtracting(got).prefix(5))")
        #expect((losses["spilled_bytes"] as? Int ?? 0) > 0, "the spill file took the load")
        #expect(losses["dropped_bytes"] as? Int == 0)
        #expect((losses["serial_gaps"] as? [String: Int])?.values.reduce(0, +) == 0)
    }
}
