import HostIO

// A host in memory, as tests and offline checks see one: Docker's socket found where the
// client looks for it, its mode read, a configuration file listed and read.
var host = MemoryHostFiles()
host.socket("/run/docker.sock", mode: 0o660, gid: 998)
host.file("/etc/docker/daemon.json", #"{"data-root": "/srv/docker"}"#)
let socket = DockerSocket.find(host) ?? "none"
print("docker socket:", socket, "mode", String(host.status(socket)?.mode ?? 0, radix: 8))
print("/etc/docker holds:", host.list("/etc/docker").joined(separator: ", "))
print("daemon.json:", String(decoding: host.read("/etc/docker/daemon.json") ?? [], as: UTF8.self))
