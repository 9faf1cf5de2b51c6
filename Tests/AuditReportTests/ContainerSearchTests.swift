import AuditLog
import AuditReport
import ContainerTrace
import Testing
import TestSupport

/// `search` with containers reads the log once, placing each event as it comes.
@Suite struct ContainerSearchTests {
    static let id = String(repeating: "c", count: 64)

    static func exec(_ serial: Int, _ time: Int, pid: Int, ppid: Int, exe: String, _ argv: [String]) -> String {
        let args = argv.enumerated().map { "a\($0.offset)=\"\($0.element)\"" }.joined(separator: " ")
        return """
        type=SYSCALL msg=audit(\(time).000:\(serial)): arch=c000003e syscall=59 success=yes exit=0 items=1 ppid=\(ppid) pid=\(pid) auid=1000 uid=0 ses=3 comm="x" exe="\(exe)" key="exec"
        type=EXECVE msg=audit(\(time).000:\(serial)): argc=\(argv.count) \(args)
        """
    }

    /// A container launched before `-ts`: its later events are still its own, though the
    /// launch is outside the selected time.
    @Test func aLaunchBeforeTheStartTimeStillPlacesLaterEvents() throws {
        let log = [
            Self.exec(1, 100, pid: 500, ppid: 400, exe: "/usr/bin/docker", ["docker", "run", "-d", "--name", "web", "busybox"]),
            Self.exec(2, 101, pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", ["containerd-shim-runc-v2", "-namespace", "moby", "-id", Self.id]),
            Self.exec(3, 102, pid: 613, ppid: 600, exe: "/bin/busybox", ["sh"]),
            Self.exec(4, 200, pid: 614, ppid: 613, exe: "/bin/busybox", ["ls"]),
            Self.exec(5, 201, pid: 700, ppid: 1, exe: "/usr/bin/touch", ["touch", "/tmp/host"]),
        ].joined(separator: "\n") + "\n"
        var criteria = SearchCriteria()
        criteria.start = 150
        var run = SearchRun(criteria: criteria, output: .events(EventWriter(format: .raw)))
        run.catalog = ContainerCatalog()
        run.places = .init(containers: ["web"])
        final class Written: @unchecked Sendable { var text = "" }
        let written = Written()
        let result = try run.run([MemoryLogSource(text: log)]) { buffer in written.text += String(decoding: buffer.bytes, as: UTF8.self) }
        #expect(result.matched == 1)
        #expect(written.text.contains(" pid=614 ") && !written.text.contains(" pid=613 ") && !written.text.contains(" pid=700 "))
        run.places = .init(onHost: true)
        written.text = ""
        #expect(try run.run([MemoryLogSource(text: log)]) { buffer in written.text += String(decoding: buffer.bytes, as: UTF8.self) }.matched == 1)
        #expect(written.text.contains("pid=700"))
        run.places = .init(containers: ["db"])
        #expect(throws: SearchRun.UnknownContainer.self) { try run.run([MemoryLogSource(text: log)]) { _ in } }
    }
}
