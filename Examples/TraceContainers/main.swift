import AuditLog
import ContainerTrace

// alice runs `docker run --name web`; containerd's shim and runc start the container's shell.
let id = "0fc5e54edb17534099b2b3fde6007ce958e021544d0ccd4d52fdecaf1edb635a"
func exec(_ serial: Int, _ time: String, pid: Int, ppid: Int, exe: String, _ argv: [String], auid: UInt32 = 4_294_967_295) -> String {
    let args = argv.enumerated().map { "a\($0.offset)=\"\($0.element)\"" }.joined(separator: " ")
    return """
    type=SYSCALL msg=audit(\(time):\(serial)): arch=c000003e syscall=59 success=yes exit=0 items=1 ppid=\(ppid) pid=\(pid) auid=\(auid) uid=\(auid == 1000 ? 1000 : 0) ses=3 comm="x" exe="\(exe)" key="exec"
    type=EXECVE msg=audit(\(time):\(serial)): argc=\(argv.count) \(args)
    """
}
let log = [
    exec(1, "100.000", pid: 500, ppid: 400, exe: "/usr/bin/docker", ["docker", "run", "-d", "--name", "web", "busybox"], auid: 1000),
    exec(2, "100.200", pid: 600, ppid: 1, exe: "/usr/bin/containerd-shim-runc-v2", ["containerd-shim-runc-v2", "-namespace", "moby", "-id", id]),
    exec(3, "100.300", pid: 610, ppid: 600, exe: "/usr/sbin/runc", ["runc", "create", "--bundle", "/run/b/" + id, id]),
    exec(4, "100.600", pid: 613, ppid: 610, exe: "/bin/busybox", ["sh"]),
].joined(separator: "\n") + "\n"
// One pass: each event is placed as it comes, and the catalog fills.
var tracker = ProcessTracker()
var catalog = ContainerCatalog()
for event in EventStream.events(in: log) { catalog.add(TrackedEvent(event), tracker: &tracker) }
catalog.finish()
print(catalog.text(userName: { $0 == 1000 ? "alice" : nil }), terminator: "")
