#if canImport(Glibc)
import Glibc
#endif

/// What this machine is called and what runs as its PID 1: the report's heading, and
/// whether systemd can be asked for the boot's timing.
package enum HostIdentity {
    /// The host name (gethostname), or "localhost" when it cannot be read.
    package static func hostName() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count) == 0 else { return "localhost" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The command name of PID 1 (`systemd`, `init`, `tini`…), from `/proc/1/comm` under `files`.
    package static func initProcess(_ files: any HostFiles = LocalHostFiles()) -> String? {
        files.read("/proc/1/comm").map { String(decoding: $0, as: UTF8.self).trimmedBlanks() }
    }
}
