import Foundation
import Testing

/// Loads a real rule into this kernel, causes events, and finds them in what auditd wrote.
@Suite(.serialized, .enabled(if: Environment.inCI || (Environment.isRoot && Environment.hasAusearch)))
struct LiveKernelTests {
    @Test func findsEventsTheKernelJustWrote() throws {
        try #require(Environment.isRoot, "needs root")
        let kernel = KernelLock()
        defer { kernel.release() }
        let key = "dockaudit-live-\(getpid())"
        let dir = NSTemporaryDirectory() + key
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let added = try run("/usr/sbin/auditctl", ["-w", dir, "-p", "wa", "-k", key])
        try #require(added.status == 0, "auditctl: \(added.stderr)")
        defer { _ = try? run("/usr/sbin/auditctl", ["-W", dir, "-p", "wa", "-k", key]) }
        let name = dir + "/name with space \u{1B}[31m"
        FileManager.default.createFile(atPath: name, contents: Data("x".utf8))
        try FileManager.default.removeItem(atPath: name)

        var found = RunResult(status: 1, stdout: Data(), stderr: "")
        for _ in 0..<40 {   // auditd flushes asynchronously
            found = try run(Environment.binary, ["search", "-k", key, "-i"])
            if found.status == 0 && found.lines.contains(where: { $0.contains("nametype=DELETE") }) { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        #expect(found.status == 0, "\(found.stderr)")
        let text = String(decoding: found.stdout, as: UTF8.self)
        #expect(text.contains("name with space \\033[31m"))
        #expect(!text.contains("\u{1B}"))
        let expected = try run("/usr/sbin/ausearch", ["--input-logs", "-k", key, "-i"])
        #expect(expected.stdout == found.stdout)
    }
}
