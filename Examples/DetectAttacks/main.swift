import AuditLog
import ContainerTrace
import Detection

// alice starts a container with the Docker socket mounted; a shell inside then mounts a filesystem.
let id = String(repeating: "d", count: 64)
func record(_ serial: Int, _ time: String, pid: Int, ppid: Int, exe: String, syscall: Int = 59, _ argv: [String] = []) -> String {
    var lines = ["type=SYSCALL msg=audit(\(time):\(serial)): arch=c000003e syscall=\(syscall) success=yes exit=0 items=1 ppid=\(ppid) pid=\(pid) auid=1000 uid=0 ses=3 comm=\"x\" exe=\"\(exe)\""]
    if !argv.isEmpty {
        lines.append("type=EXECVE msg=audit(\(time):\(serial)): argc=\(argv.count) " + argv.enumerated().map { "a\($0.offset)=\"\($0.element)\"" }.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
}
let log = [
    record(1, "100.000", pid: 500, ppid: 400, exe: "/usr/bin/docker", ["docker", "run", "-d", "-v", "/var/run/docker.sock:/var/run/docker.sock", "--name", "web", "busybox"]),
    record(2, "100.200", pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", ["containerd-shim-runc-v2", "-namespace", "moby", "-id", id]),
    record(3, "100.300", pid: 613, ppid: 600, exe: "/bin/busybox", ["sh"]),
    record(4, "101.000", pid: 614, ppid: 613, exe: "/bin/mount", syscall: 165),
].joined(separator: "\n") + "\n"
// One pass: each event placed by the tracker, then looked at by the detections.
var tracker = ProcessTracker()
var catalog = ContainerCatalog()
var detector = Detector()
for event in EventStream.events(in: log) {
    let clues = EventClues(event)
    let placement = catalog.add(clues.tracked, tracker: &tracker)
    for alert in detector.inspect(clues, placement: placement, catalog: catalog) { print(alert.text(userName: { $0 == 1000 ? "alice" : nil })) }
}
