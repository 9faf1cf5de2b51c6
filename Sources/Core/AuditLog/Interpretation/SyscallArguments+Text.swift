#if canImport(Glibc)
import Glibc
#endif

extension SyscallArguments {
    /// The text of argument `hex` (as logged, without `0x`) in `decoder`'s form, following
    /// the auparse function of the same purpose: 32-bit truncation where it stores the value
    /// in an `int`, its fallbacks (`unknown-…(0x…)`, `0x…`) and its spellings.
    static func text(_ hex: String, _ decoder: Decoder, names: any NameResolver, machine: UInt32?) -> String {
        guard let value = strtoul16(hex) else { return "conversion error(\(hex))" }
        let low = UInt32(truncatingIfNeeded: value)
        let int = Int32(bitPattern: low)
        switch decoder {
        case .signal: return int < 32 ? (Lookup.signals[int] ?? "unknown-signal(0x\(hex))") : "unknown-signal(0x\(hex))"
        case .dirfd: return low == 0xFFFF_FF9C ? "AT_FDCWD" : "0x" + hex
        case .clockID: return int < 7 ? (Lookup.clocks[int] ?? "unknown-clk_id(0x\(hex))") : "unknown-clk_id(0x\(hex))"
        case .personality:
            guard let name = Lookup.personalities[int & 0xFF] else { return "unknown-personality(0x\(hex))" }
            return int & 0x0040000 != 0 ? name + "|~ADDR_NO_RANDOMIZE" : name
        case .ptrace: return Lookup.ptraceRequests[int] ?? "unknown-ptrace(0x\(hex))"
        case .prctlOption: return Lookup.prctlOptions[int] ?? "unknown-prctl-option(0x\(hex))"
        case .cloneFlags:
            var text = flags(low, AuparseTables.cloneFlags)
            let signal = Int32(low & 0xFF)
            if signal != 0, signal < 32, let name = Lookup.signals[signal] { text += (text.isEmpty ? "" : "|") + name }
            return text.isEmpty ? "0x" + String(low, radix: 16) : text
        case .resourceLimit: return int < 17 ? (Lookup.resourceLimits[int] ?? "unknown-rlimit(0x\(hex))") : "unknown-rlimit(0x\(hex))"
        case .uid: return account(int, name: names.userName)
        case .gid: return account(int, name: names.groupName)
        case .socketDomain: return Lookup.families[int] ?? "unknown-family(0x\(hex))"
        // auparse reads these two with strtol: past Int64.max is a conversion error.
        case .socketCall where value > UInt64(Int64.max), .ipcCall where value > UInt64(Int64.max): return "conversion error(\(hex))"
        case .socketCall: return Lookup.socketCalls[int] ?? "unknown-socketcall(\(hex))"
        case .ipcCall: return Lookup.ipcCalls[int] ?? "unknown-ipccall(\(hex))"
        case .exitCode: return hex == "0" ? "EXIT_SUCCESS" : hex == "1" ? "EXIT_FAILURE" : "UNKNOWN"
        case .bpf: return Lookup.bpfCommands[int] ?? "unknown-bpf-cmd(\(hex))"
        case .modeShort: return modeShort(low)
        case .mode: return FileMode.describe(low)
        case .fcntlCommand: return Lookup.fcntlCommands[int] ?? "unknown-fcntl-command(\(int))"
        case .socketLevel:
            if int == 1 { return "SOL_SOCKET" }
            return protocolName(int) ?? Lookup.socketLevels[int] ?? "unknown-sockopt-level(0x\(hex))"
        case .socketType: return Lookup.socketTypes[Int32(low & 0xFF)] ?? "unknown-type(\(hex))"
        case .scheduler:
            guard let name = Lookup.schedulers[Int32(low & 0x0F)] else { return "unknown-scheduler-policy(0x\(hex))" }
            return low & 0x4000_0000 != 0 ? name + "|SCHED_RESET_ON_FORK" : name
        case .openFlags:
            let text = (low & 0o3 == 0 ? "O_RDONLY" : "") + flags(low, AuparseTables.openFlags, after: low & 0o3 == 0)
            return text.isEmpty ? "0x" + hex : text
        case .access:
            guard value & 0xF != 0 else { return "F_OK" }
            let text = flags(low, Array(AuparseTables.accessModes.prefix(3)))
            return text.isEmpty ? "0x" + hex : text
        case .epollOperation: return Lookup.epollOperations[int] ?? "unknown-epoll_ctl-operation(\(int))"
        case .capability: return Lookup.capabilities[int] ?? "unknown-capability(0x\(hex))"
        case .umountFlags: return orHex(flags(low, AuparseTables.umountFlags), hex)
        case .ioctlRequest: return Lookup.ioctlRequests[int] ?? "0x" + String(low, radix: 16)
        case .ipOption: return Lookup.ipOptions[int] ?? "unknown-ipopt-name(0x\(hex))"
        case .socketOption:
            let ppc = machine == 0x8000_0015 || machine == 0xC000_0015 || machine == 0x0000_0014   // PPC64, PPC64LE, PPC
            let option = ppc && (16...21).contains(int) ? int + 100 : int
            return Lookup.socketOptions[option] ?? "unknown-sockopt-name(0x\(hex))"
        case .tcpOption: return Lookup.tcpOptions[int] ?? "unknown-tcpopt-name(0x\(hex))"
        case .udpOption: return int == 1 ? "UDP_CORK" : int == 100 ? "UDP_ENCAP" : "unknown-udpopt-name(0x\(hex))"
        case .ip6Option: return Lookup.ip6Options[int] ?? "unknown-ip6opt-name(0x\(hex))"
        case .packetOption: return Lookup.packetOptions[int] ?? "unknown-pktopt-name(0x\(hex))"
        case .messageFlags: return orHex(flags(low, AuparseTables.messageFlags), hex)
        case .shmFlags:
            var text = flags(low & 0o3000, AuparseTables.ipcCommands)
            let modes = flags(low & 0o14000, AuparseTables.shmModes)
            if !modes.isEmpty { text += (text.isEmpty ? "" : "|") + modes }
            text += (text.isEmpty ? "" : "|") + modeShort(low & 0o777)
            return text
        case .protection(let mmap):
            guard low & 0x07 != 0 else { return "PROT_NONE" }
            return orHex(flags(low, Array(AuparseTables.protections.prefix(mmap ? 4 : 3))), hex)
        case .socketProtocol: return protocolName(int) ?? "unknown-proto(\(hex))"
        case .seek: return Lookup.seekWhence[Int32(low & 0xFF)] ?? "unknown-whence(\(hex))"
        case .mmapFlags:
            let file = low & 0x0F == 0
            return orHex((file ? "MAP_FILE" : "") + flags(low, AuparseTables.mmapFlags, after: file), hex)
        case .mountFlags: return orHex(flags(low, AuparseTables.mountFlags), hex)
        case .fdFlags: return int == 1 ? "FD_CLOEXEC" : "0x" + hex
        }
    }

    /// The names of every table entry that shares a bit with `value`, joined by `|`, in
    /// table order (auparse tests `entry & value`, so a multi-bit entry matches on any bit).
    private static func flags(_ value: UInt32, _ table: [(Int32, String)], after prefix: Bool = false) -> String {
        var text = ""
        for (bits, name) in table where UInt32(bitPattern: bits) & value != 0 {
            if !text.isEmpty || prefix { text += "|" }
            text += name
        }
        return text
    }

    private static func orHex(_ text: String, _ hex: String) -> String { text.isEmpty ? "0x" + hex : text }

    /// auparse's short mode: the special bits (`suid,sgid,sticky`), then the permission
    /// bits as `0%03o`.
    static func modeShort(_ mode: UInt32) -> String {
        let special = [(0o4000, "suid"), (0o2000, "sgid"), (0o1000, "sticky")]
            .filter { mode & UInt32($0.0) != 0 }.map(\.1).joined(separator: ",")
        let permissions = "0" + FileMode.octal3(mode & 0o777)
        return special.isEmpty ? permissions : special + "," + permissions
    }

    private static func account(_ id: Int32, name: (UInt32) -> String?) -> String {
        if id == -1 { return "unset" }
        return name(UInt32(bitPattern: id)) ?? "unknown(\(id))"
    }

    /// /etc/protocols, through the C library as auparse reads it (the reentrant call: lines
    /// are formatted on several threads).
    static func protocolName(_ number: Int32) -> String? {
        var entry = protoent()
        var result: UnsafeMutablePointer<protoent>?
        var buffer = [CChar](repeating: 0, count: 1024)
        guard getprotobynumber_r(number, &entry, &buffer, buffer.count, &result) == 0, result != nil,
              let name = entry.p_name else { return nil }
        return String(cString: name)
    }

    /// strtoul(…, 16) as auparse calls it: blanks, an optional `0x`, the leading hex digits;
    /// nil when they overflow 64 bits.
    static func strtoul16(_ hex: String) -> UInt64? { strtoul16(bytes: hex.utf8) }

    static func strtoul16<Digits: Collection>(bytes: Digits) -> UInt64? where Digits.Element == UInt8 {
        var digits = bytes.drop { $0 == 0x20 || $0 == 0x09 }
        if digits.starts(with: [0x30, 0x78]) || digits.starts(with: [0x30, 0x58]) { digits = digits.dropFirst(2) }
        var value: UInt64 = 0
        for byte in digits {
            guard let digit = HexText.nibble(byte) else { break }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 16)
            guard !overflow else { return nil }
            value = shifted | UInt64(digit)
        }
        return value
    }

    /// Value → first name, for the tables auparse looks up by value.
    enum Lookup {
        static func index(_ table: [(Int32, String)]) -> [Int32: String] {
            var names: [Int32: String] = [:]
            for (value, name) in table where names[value] == nil { names[value] = name }
            return names
        }
        static let signals = index(AuparseTables.signals)
        static let clocks = index(AuparseTables.clocks)
        static let personalities = index(AuparseTables.personalities)
        static let ptraceRequests = index(AuparseTables.ptraceRequests)
        static let prctlOptions = index(AuparseTables.prctlOptions)
        static let resourceLimits = index(AuparseTables.resourceLimits)
        static let families = index(AuparseTables.families)
        static let socketCalls = index(AuparseTables.socketCalls)
        static let ipcCalls = index(AuparseTables.ipcCalls)
        static let bpfCommands = index(AuparseTables.bpfCommands)
        static let fcntlCommands = index(AuparseTables.fcntlCommands)
        static let socketLevels = index(AuparseTables.socketLevels)
        static let socketTypes = index(AuparseTables.socketTypes)
        static let schedulers = index(AuparseTables.schedulers)
        static let epollOperations = index(AuparseTables.epollOperations)
        static let capabilities = index(AuparseTables.capabilities)
        static let ioctlRequests = index(AuparseTables.ioctlRequests)
        static let ipOptions = index(AuparseTables.ipOptions)
        static let socketOptions = index(AuparseTables.socketOptions)
        static let tcpOptions = index(AuparseTables.tcpOptions)
        static let ip6Options = index(AuparseTables.ip6Options)
        static let packetOptions = index(AuparseTables.packetOptions)
        static let seekWhence = index(AuparseTables.seekWhence)
        static let icmpTypes = index(AuparseTables.icmpTypes)
        static let seccompActions = index(AuparseTables.seccompActions)
        static let netfilterHooks = index(AuparseTables.netfilterHooks)
        static let netActions = index(AuparseTables.netActions)
        static let netfilterProtocols = index(AuparseTables.netfilterProtocols)
    }
}
