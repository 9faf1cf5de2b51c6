import AuditLog
import AuditReport
import LiveAudit

// auditd's plugin stream, as it arrives: alice runs `docker run --name web`; containerd's
// shim and runc start the container's shell. Each event ends with EOE; serial 3 never comes.
let id = "0fc5e54edb17534099b2b3fde6007ce958e021544d0ccd4d52fdecaf1edb635a"
func exec(_ serial: Int, _ time: String, pid: Int, ppid: Int, exe: String, _ argv: [String], auid: UInt32 = 4_294_967_295) -> String {
    let args = argv.enumerated().map { "a\($0.offset)=\"\($0.element)\"" }.joined(separator: " ")
    return """
    type=SYSCALL msg=audit(\(time):\(serial)): arch=c000003e syscall=59 success=yes exit=0 items=1 ppid=\(ppid) pid=\(pid) auid=\(auid) uid=\(auid == 1000 ? 1000 : 0) ses=3 comm="x" exe="\(exe)" key="exec"
    type=EXECVE msg=audit(\(time):\(serial)): argc=\(argv.count) \(args)
    type=EOE msg=audit(\(time):\(serial)): \n
    """
}
let stream = [
    exec(1, "100.000", pid: 500, ppid: 400, exe: "/usr/bin/docker", ["docker", "run", "-d", "--name", "web", "busybox"], auid: 1000),
    exec(2, "100.200", pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", ["containerd-shim-runc-v2", "-namespace", "moby", "-id", id]),
    exec(4, "100.300", pid: 610, ppid: 600, exe: "/usr/sbin/runc", ["runc", "create", "--bundle", "/run/b/" + id, id]),
    exec(5, "100.600", pid: 613, ppid: 610, exe: "/bin/busybox", ["sh"]),
].joined()

// Bytes in pieces of 100 (lines cut anywhere), grouped as they come, each event placed and
// written at once as the plugin writes it: JSON with its container, actor and process.
var grouper = LiveGrouper()
let search = LiveSearch(SearchRun(criteria: SearchCriteria(), output: .events(EventWriter(format: .json))), ownPid: 0)
var gaps = SerialGaps()
var out = OutputBuffer()
let bytes = Array(stream.utf8)
for start in stride(from: 0, to: bytes.count, by: 100) {
    bytes[start..<min(bytes.count, start + 100)].withUnsafeBytes { piece in
        grouper.add(piece, at: nil, now: 0) { event in
            gaps.observe(event.id, type: event.records[0].type)
            search.take(event, into: &out)
        }
    }
}
let lines = String(decoding: out.bytes, as: UTF8.self).split(separator: "\n")
print(lines.last.map(String.init) ?? "")
print("serial gaps: \(gaps.counts["", default: 0])")
