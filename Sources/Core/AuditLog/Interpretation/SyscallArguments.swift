/// a0–a3 of a SYSCALL record as `ausearch -i` shows them: auparse 3.0.9's choice of
/// decoder by syscall name (its `print_a0` … `print_a3`), including its oddities — the
/// name tests are its own (`renameat*`, `openat*`, `faccessat*`, `fcntl*`, `exit*`, and
/// `chown` only where its first-letter branches reach), and a few decoders depend on a0
/// or a1 (prctl, fcntl, open and mq_open with O_CREAT, setsockopt levels).
/// Every other argument is printed as `0x` + its hex.
enum SyscallArguments {
    /// How one argument is decoded.
    enum Decoder: Equatable, Sendable {
        case signal, dirfd, clockID, personality, ptrace, prctlOption, cloneFlags, resourceLimit
        case uid, gid, socketDomain, socketCall, ipcCall, exitCode, bpf, modeShort, mode, fcntlCommand
        case socketLevel, socketType, scheduler, openFlags, access, epollOperation, capability
        case umountFlags, ioctlRequest, ipOption, socketOption, tcpOption, udpOption, ip6Option
        case packetOption, messageFlags, shmFlags, protection(mmap: Bool), socketProtocol, seek
        case mmapFlags, mountFlags, fdFlags
    }

    /// The decoders of a0–a3 (nil: `0x` + hex) for a syscall and its first two arguments.
    static func decoders(for syscall: String?, a0: UInt64, a1: UInt64) -> [Decoder?] {
        guard let name = syscall else { return [nil, nil, nil, nil] }
        if !dependsOnArguments(name), let known = byName[name] { return known }
        return [first(name), second(name, a0: a0), third(name, a1: a1), fourth(name)]
    }

    /// The syscalls whose a1 or a2 decoder depends on a0 or a1.
    private static func dependsOnArguments(_ name: String) -> Bool {
        name == "prctl" || name == "open" || name == "mq_open" || name.hasPrefix("fcntl") || name.dropFirst() == "etsockopt"
    }

    /// Every other syscall of the generated tables, worked out once (looked up per record).
    private static let byName: [String: [Decoder?]] = {
        var table: [String: [Decoder?]] = [:]
        for arch in SyscallTable.archNames.keys {
            for case let name? in SyscallTable.table(for: arch) ?? [] where table[name] == nil && !dependsOnArguments(name) {
                table[name] = [first(name), second(name, a0: 0), third(name, a1: 0), fourth(name)]
            }
        }
        return table
    }()

    private static func first(_ sys: String) -> Decoder? {
        switch sys.first {
        case "r":
            if sys == "rt_sigaction" { return .signal }
            if sys.hasPrefix("renameat") || sys == "readlinkat" { return .dirfd }
            return nil
        case "c": return sys == "clock_settime" ? .clockID : nil
        case "p":
            switch sys {
            case "personality": return .personality
            case "ptrace": return .ptrace
            case "prctl": return .prctlOption
            default: return nil
            }
        case "m": return sys == "mkdirat" || sys == "mknodat" ? .dirfd : nil
        case "f":
            return ["fchownat", "futimesat", "fchmodat", "futimensat"].contains(sys) || sys.hasPrefix("faccessat") ? .dirfd : nil
        case "u":
            if sys == "unshare" { return .cloneFlags }
            return sys == "unlinkat" || sys == "utimensat" ? .dirfd : nil
        default:
            break
        }
        if sys.dropFirst() == "etrlimit" { return .resourceLimit }
        if sys.first == "s" {
            switch sys {
            case "setuid", "setreuid", "setresuid", "setfsuid": return .uid
            case "setgid", "setregid", "setresgid", "setfsgid": return .gid
            case "socket": return .socketDomain
            case "socketcall": return .socketCall
            default: return nil
            }
        }
        if sys == "linkat" || sys == "newfstatat" || sys.hasPrefix("openat") || sys == "name_to_handle_at" { return .dirfd }
        if sys == "ipccall" { return .ipcCall }
        if sys.hasPrefix("exit") { return .exitCode }
        if sys == "bpf" { return .bpf }
        return nil
    }

    private static func second(_ sys: String, a0: UInt64) -> Decoder? {
        if sys.first == "f" {
            if sys == "fchmod" { return .modeShort }
            if sys.hasPrefix("fcntl") { return .fcntlCommand }
        } else if sys.first == "c" {
            if sys == "chmod" || sys == "creat" { return .modeShort }
            if sys.contains("chown") { return .uid }
        }
        if sys.dropFirst() == "etsockopt" { return .socketLevel }
        switch sys.first {
        case "s":
            switch sys {
            case "setreuid", "setresuid": return .uid
            case "setregid", "setresgid": return .gid
            case "socket": return .socketType
            case "setns": return .cloneFlags
            case "sched_setscheduler": return .scheduler
            default: return nil
            }
        case "m":
            switch sys {
            case "mkdir": return .modeShort
            case "mknod": return .mode
            case "mq_open": return .openFlags
            default: return nil
            }
        default:
            switch sys {
            case "open": return .openFlags
            case "access": return .access
            case "epoll_ctl": return .epollOperation
            case "kill", "tkill": return .signal
            case "prctl":
                if a0 == 23 || a0 == 24 { return .capability }   // PR_CAPBSET_READ, PR_CAPBSET_DROP
                return a0 == 1 ? .signal : nil                   // PR_SET_PDEATHSIG
            case "umount2": return .umountFlags
            case "ioctl": return .ioctlRequest
            default: return nil
            }
        }
    }

    private static func third(_ sys: String, a1: UInt64) -> Decoder? {
        if sys.hasPrefix("fcntl") {
            switch a1 {
            case 8: return .uid        // F_SETOWN
            case 2: return .fdFlags    // F_SETFD
            default: return nil
            }
        }
        if sys.dropFirst() == "etsockopt" {
            switch a1 {
            case 0: return .ipOption
            case 1: return .socketOption
            case 6: return .tcpOption
            case 17: return .udpOption
            case 41: return .ip6Option
            case 263: return .packetOption
            default: return nil
            }
        }
        let creates = a1 & 0o100 != 0   // O_CREAT
        switch sys.first {
        case "o":
            if sys == "openat" || sys == "open_by_handle_at" { return .openFlags }
            return sys == "open" && creates ? .modeShort : nil
        case "f":
            if sys == "fchmodat" { return .modeShort }
            return sys.hasPrefix("faccessat") ? .access : nil
        case "s":
            switch sys {
            case "setresuid": return .uid
            case "setresgid": return .gid
            case "socket": return .socketProtocol
            case "sendmsg": return .messageFlags
            case "shmget": return .shmFlags
            default: return nil
            }
        case "m":
            switch sys {
            case "mmap": return .protection(mmap: true)
            case "mprotect": return .protection(mmap: false)
            case "mkdirat", "mknodat": return .modeShort
            case "mq_open": return creates ? .modeShort : nil
            default: return nil
            }
        case "r":
            if sys == "recvmsg" { return .messageFlags }
            return sys == "readlinkat" || sys.hasPrefix("renameat") ? .dirfd : nil
        case "l":
            if sys == "linkat" { return .dirfd }
            return sys == "lseek" ? .seek : nil
        case "c":
            return sys == "clone" || sys == "clone2" ? .cloneFlags : nil
        default:
            if sys.contains("chown") { return .gid }
            return sys == "tgkill" ? .signal : nil
        }
    }

    private static func fourth(_ sys: String) -> Decoder? {
        switch sys {
        case "mmap": return .mmapFlags
        case "mount": return .mountFlags
        case "recv", "recvfrom", "recvmmsg", "send", "sendto", "sendmmsg": return .messageFlags
        default: return nil
        }
    }
}
