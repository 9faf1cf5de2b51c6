import AuditLog
import Foundation
@_exported import TestSupport
import HostIO

/// The hex form the kernel gives a name with spaces or markup.
func hex(_ text: String) -> String { text.utf8.map { String(format: "%02X", $0) }.joined() }

/// alice (auid 1001), as root, opens a file; the lines are shaped as this kernel writes them.
func openEvent(serial: Int, name: String, success: Bool = true, quoted: Bool = true) -> [String] {
    let stamp = "msg=audit(1795797264.494:\(serial))"
    let nameField = quoted ? "name=\"\(name)\"" : "name=\(hex(name))"
    return [
        "type=SYSCALL \(stamp): arch=c000003e syscall=257 success=\(success ? "yes" : "no") exit=\(success ? 3 : -13) a0=ffffff9c a1=7ffd a2=0 a3=0 items=1 ppid=4000 pid=4001 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=3 comm=\"cat\" exe=\"/usr/bin/cat\" key=\"shadow\"",
        "type=CWD \(stamp): cwd=\"/home/alice\"",
        "type=PATH \(stamp): item=0 \(nameField) inode=1 dev=08:01 mode=0100640 ouid=0 ogid=42 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
        "type=PROCTITLE \(stamp): proctitle=636174",
    ]
}
