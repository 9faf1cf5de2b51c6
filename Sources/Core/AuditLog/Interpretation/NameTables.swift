/// Fixed name tables used by interpretation: capabilities, signals, rule lists, socket address families.
enum NameTables {
    static let capabilities = [
        "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
        "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
        "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
        "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap",
        "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
        "checkpoint_restore",
    ]

    static let signals = [
        "SIG0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ]

    /// Rule lists (`list=` in CONFIG_CHANGE), by number.
    static let ruleLists = ["user", "task", "entry", "watch", "exit", "exclude", "filesystem", "io_uring"]

    /// Socket address families (`saddr_fam=`, socket's a0).
    static let addressFamilies: [Int: String] = [
        1: "local", 2: "inet", 3: "ax25", 4: "ipx", 5: "appletalk", 6: "netrom", 7: "bridge",
        8: "atmpvc", 9: "x25", 10: "inet6", 11: "rose", 12: "decnet", 13: "netbeui", 14: "security", 15: "key",
        16: "netlink", 17: "packet", 18: "ash", 19: "econet", 20: "atmsvc", 21: "rds", 22: "sna", 23: "irda",
        24: "pppox", 25: "wanpipe", 26: "llc", 27: "ib", 28: "mpls", 29: "can", 30: "tipc", 31: "bluetooth",
        32: "iucv", 33: "rxrpc", 34: "isdn", 35: "phonet", 36: "ieee802154", 37: "caif", 38: "alg", 39: "nfc",
        40: "vsock", 41: "kcm", 42: "qipcrtr", 43: "smc", 44: "xdp", 45: "mctp",
    ]

    /// The names of the capabilities set in a bitmap, or "none": auparse looks only at the
    /// bits up to the last capability it knows (CAP_LAST_CAP), so higher bits alone are "none".
    static func capabilitySet(_ bits: UInt64) -> String {
        let known = bits & (1 << UInt64(capabilities.count) - 1)
        if known == 0 { return "none" }
        // BPRM_FCAPS and CAPSET records repeat a handful of sets (root's, a container's) on every exec.
        if let common = commonCapabilitySets.first(where: { $0.bits == known }) { return common.names }
        return capabilityNames(known)
    }

    private static let commonCapabilitySets: [(bits: UInt64, names: String)] = [
        (1 << UInt64(capabilities.count)) - 1,                      // all: root on the host
        ((1 << UInt64(capabilities.count)) - 1) & ~(1 << 24),       // all but sys_resource: root under runc's defaults
        0xa80425fb,                                                 // Docker's default set for a container
    ].map { ($0, capabilityNames($0)) }

    private static func capabilityNames(_ bits: UInt64) -> String {
        var names: [String] = []
        for bit in 0..<capabilities.count where bits & (1 << UInt64(bit)) != 0 { names.append(capabilities[bit]) }
        return names.isEmpty ? "none" : names.joined(separator: ",")
    }
}

/// Signal names by number (`SIGSEGV` for 11), from the table interpretation uses.
package enum SignalNames {
    public static func name(of number: Int) -> String? {
        number > 0 && number < NameTables.signals.count ? NameTables.signals[number] : nil
    }
}
