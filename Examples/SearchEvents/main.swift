import AuditLog

// Two events of a log; the one whose rule key is "docker" is written as ausearch -i writes it.
let log = """
type=SYSCALL msg=audit(1700000000.100:41): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=55d0 a2=241 a3=1b6 items=2 ppid=1 pid=812 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="dockerd" exe="/usr/sbin/dockerd" key="docker"
type=PATH msg=audit(1700000000.100:41): item=0 name="/etc/docker/daemon.json" inode=12 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL
type=USER_CMD msg=audit(1700000001.200:42): pid=900 uid=1000 auid=1000 ses=2 msg='cwd="/home/alice" cmd=6C73 exe="/usr/bin/sudo" terminal=pts/0 res=success'
"""
var criteria = SearchCriteria()
criteria.key = "docker"
var out = OutputBuffer()
let writer = EventWriter(format: .interpret)
for event in EventStream.events(in: log) where criteria.matches(event) { writer.write(event, into: &out) }
print(String(decoding: out.bytes, as: UTF8.self), terminator: "")
