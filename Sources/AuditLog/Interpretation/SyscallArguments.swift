/// Interprets a0–a3 of a SYSCALL record for the syscalls where ausearch decodes them;
/// every other argument is printed as `0x` + its hex.
enum SyscallArguments {
    /// How one argument is shown.
    enum Style {
        case hex, directory, openFlags, mode, family, socketType, signal
    }

    /// The styles of a0–a3 for a syscall, worked out once per record.
    static func styles(for syscall: String?) -> [Style] {
        guard let syscall, let styles = decoded[syscall] else { return [.hex, .hex, .hex, .hex] }
        return styles
    }

    private static let decoded: [String: [Style]] = {
        var table: [String: [Style]] = [:]
        func set(_ name: String, _ index: Int, _ style: Style) {
            var styles = table[name] ?? [.hex, .hex, .hex, .hex]
            styles[index] = style
            table[name] = styles
        }
        for name in ["openat", "openat2", "mkdirat", "unlinkat", "fchmodat", "fchownat", "newfstatat", "renameat",
                     "renameat2", "linkat", "mknodat", "faccessat", "faccessat2", "utimensat", "readlinkat",
                     "execveat", "statx"] { set(name, 0, .directory) }
        for name in ["renameat", "renameat2", "linkat"] { set(name, 2, .directory) }
        set("open", 1, .openFlags)
        set("openat", 2, .openFlags)
        for (name, index) in [("chmod", 1), ("fchmod", 1), ("mkdir", 1), ("fchmodat", 2), ("mkdirat", 2),
                              ("mknod", 1), ("mknodat", 2)] { set(name, index, .mode) }
        set("socket", 0, .family)
        set("socket", 1, .socketType)
        set("kill", 1, .signal)
        set("tkill", 1, .signal)
        set("tgkill", 2, .signal)
        return table
    }()

    /// The text of an argument in a decoded style; nil for `.hex` (shown as `0x` + the hex).
    static func describe(_ hex: String, style: Style) -> String? {
        guard style != .hex, let value = UInt64(hex, radix: 16) else { return nil }
        switch style {
        case .hex: return nil
        case .directory: return Int32(truncatingIfNeeded: value) == -100 ? "AT_FDCWD" : nil
        case .openFlags: return openFlags(value)
        case .mode: return "0" + String(value, radix: 8)
        case .family: return NameTables.addressFamilies[Int(value)] ?? "unknown-family(\(value))"
        case .socketType: return socketType(value)
        case .signal:
            let n = Int(value)
            return n < NameTables.signals.count ? NameTables.signals[n] : "unknown-signal(\(n))"
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
        var text = flags & 0o3 == 0 ? "O_RDONLY" : ""
        for (bit, name) in openFlagNames where flags & bit == bit {
            if !text.isEmpty { text += "|" }
            text += name
        }
        return text
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
