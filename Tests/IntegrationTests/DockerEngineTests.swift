import DockerEngine
import Foundation
import Testing

/// Names from the live Docker Engine API (through the binary), and a socket that does not
/// answer. The test that holds the kernel lock never waits on Swift's cooperative pool:
/// other tests block in the lock on the pool's few threads.
@Suite(.serialized, .enabled(if: Environment.inCI || (Environment.isRoot && Environment.hasAusearch)))
struct DockerEngineTests {
    @Test func liveContainersAreNamedByTheEngine() throws {
        try #require(Environment.isRoot, "needs root")
        let kernel = KernelLock()
        defer { kernel.release() }
        let name = "dockaudit-engine-\(getpid())"
        let key = "dockaudit-engine-\(getpid())"
        #expect(try run("/sbin/auditctl", ["-a", "always,exit", "-F", "arch=b64", "-S", "execve", "-k", key]).status == 0)
        defer {
            _ = try? run("/sbin/auditctl", ["-d", "always,exit", "-F", "arch=b64", "-S", "execve", "-k", key])
            _ = try? run("/usr/bin/docker", ["rm", "-f", name])
        }
        let started = try run("/usr/bin/docker", ["run", "-d", "--name", name, "dockaudit-busybox", "sleep", "30"])
        try #require(started.status == 0, "\(started.stderr)")
        var listed: [[String: Any]] = []
        for _ in 0..<40 {   // auditd writes asynchronously
            let result = try run(Environment.binary, ["containers", "--format", "json"])
            listed = (try? JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]]) ?? []
            if listed.contains(where: { $0["name"] as? String == name }) { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        let row = try #require(listed.first { $0["name"] as? String == name }, "the container is not in the log's list")
        #expect(row["name_source"] as? String == "docker API")
        #expect(row["confirmed_by_proc"] as? Bool == true, "its sleep still runs, in the container's cgroup")
    }

    @Test func aDeadSocketIsAnAnswerNotAHang() async throws {
        let path = NSTemporaryDirectory() + "dockaudit-dead-\(getpid()).sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        close(fd)   // bound, never listening: connect is refused
        defer { unlink(path) }
        let start = Date()
        await #expect(throws: (any Error).self) { try await DockerEngineClient(socket: path, timeout: .seconds(2)).containers() }
        // A hang never ends; the bound leaves room for the two-core test machine, where this
        // task waits for a thread while the differential tests run (31.9 s seen against 30).
        #expect(Date().timeIntervalSince(start) < 120)
    }
}
