import AuditLog
import Foundation

/// `-i` on any record body, under the record types whose fields auparse interprets most:
/// the first byte picks the type (and an arch), the rest is the body.
public enum FuzzInterpretation {
    static let recordTypes = ["SYSCALL", "EXECVE", "PATH", "SOCKADDR", "PROCTITLE", "USER_CMD", "USER_LOGIN", "AVC", "SECCOMP",
                                     "NETFILTER_CFG", "TTY", "USER_TTY", "CWD", "CONFIG_CHANGE", "ANOM_ABEND", "CAPSET", "MMAP",
                                     "BPF", "OPENAT2", "TIME_INJOFFSET", "KERN_MODULE", "FANOTIFY", "USER_AVC", "DAEMON_START", "LOGIN",
                                     "CRED_ACQ", "ADD_USER", "MAC_POLICY_LOAD", "INTEGRITY_RULE", "VIRT_CONTROL", "UNKNOWN[1999]"]
    static let arches = ["c000003e", "40000003", "c00000b7", "80000015", "4000003e", "zz", ""]

    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        guard size > 0 else { return }
        let selector = Int(data[0])
        let type = recordTypes[selector % recordTypes.count]
        let arch = arches[(selector / recordTypes.count) % arches.count]
        let header = Array("type=\(type) msg=audit(1700000000.123:42): arch=\(arch) ".utf8)
        let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
        let bytes = header + body + [0x0A]
        let path = bytes.withUnsafeBytes { Fuzz.file($0) }
        Fuzz.readAndWrite(path)
    }
}
