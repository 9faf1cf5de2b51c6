/// Interprets a0–a3 of a SYSCALL record for the syscalls where ausearch decodes them;
/// every other argument is printed as `0x` + its hex.
enum SyscallArguments {
    static func describe(index: Int, hex: String, syscall: String?) -> String {
        guard let value = UInt64(hex, radix: 16) else { return hex }
        switch (syscall, index) {
        case ("openat", 0), ("openat2", 0), ("mkdirat", 0), ("unlinkat", 0), ("fchmodat", 0), ("fchownat", 0),
             ("newfstatat", 0), ("renameat", 0), ("renameat2", 0), ("linkat", 0), ("mknodat", 0),
             ("faccessat", 0), ("faccessat2", 0), ("utimensat", 0), ("readlinkat", 0),
             ("renameat", 2), ("renameat2", 2), ("execveat", 0), ("statx", 0), ("linkat", 2):
            return Int32(truncatingIfNeeded: value) == -100 ? "AT_FDCWD" : "0x\(hex)"
        case ("open", 1), ("openat", 2):
            return openFlags(value)
        case ("chmod", 1), ("fchmod", 1), ("mkdir", 1), ("fchmodat", 2), ("mkdirat", 2), ("mknod", 1),
             ("mknodat", 2):
            return "0" + String(value, radix: 8)
        case ("socket", 0):
            return NameTables.addressFamilies[Int(value)] ?? "unknown-family(\(value))"
        case ("socket", 1):
            return socketType(value)
        case ("kill", 1), ("tkill", 1), ("tgkill", 2):
            let n = Int(value)
            return n < NameTables.signals.count ? NameTables.signals[n] : "unknown-signal(\(n))"
        default:
            return "0x\(hex)"
        }
    }

    private static let openFlagNames: [(UInt64, String)] = [
        (0o1, "O_WRONLY"), (0o2, "O_RDWR"), (0o100, "O_CREAT"), (0o200, "O_EXCL"), (0o400, "O_NOCTTY"),
        (0o1000, "O_TRUNC"), (0o2000, "O_APPEND"), (0o4000, "O_NONBLOCK"), (0o10000, "O_DSYNC"),
        (0o20000, "O_ASYNC"), (0o40000, "O_DIRECT"), (0o100000, "O_LARGEFILE"), (0o200000, "O_DIRECTORY"),
        (0o400000, "O_NOFOLLOW"), (0o1000000, "O_NOATIME"), (0o2000000, "O_CLOEXEC"), (0o4000000, "O_SYNC"),
        (0o10000000, "O_PATH"), (0o20000000, "O_TMPFILE"),
    ]

    static func openFlags(_ flags: UInt64) -> String {
        var names: [String] = []
        if flags & 0o3 == 0 { names.append("O_RDONLY") }
        for (bit, name) in openFlagNames where flags & bit == bit { names.append(name) }
        return names.joined(separator: "|")
    }

    static func socketType(_ value: UInt64) -> String {
        let types = [1: "SOCK_STREAM", 2: "SOCK_DGRAM", 3: "SOCK_RAW", 4: "SOCK_RDM", 5: "SOCK_SEQPACKET",
                     6: "SOCK_DCCP", 10: "SOCK_PACKET"]
        var text = types[Int(value & 0xF)] ?? "0x\(String(value, radix: 16))"
        if value & 0o4000 != 0 { text += "|SOCK_NONBLOCK" }
        if value & 0o2000000 != 0 { text += "|SOCK_CLOEXEC" }
        return text
    }
}
