#if canImport(Glibc)
import Glibc
#endif

/// The field kinds auparse decodes outside SYSCALL arguments that share an argument's
/// decoder or a small table of their own (`print_personality`, `print_seccomp_code`, …).
enum FieldValues {
    /// The text of `raw` (the value as logged, quotes removed), or nil for a kind this does not decode.
    static func text(_ raw: String, kind: FieldKind, names: any NameResolver) -> String? {
        switch kind {
        case .personality: return argument(raw, .personality, names)
        case .openFlags: return argument(raw, .openFlags, names)
        case .mmapFlags: return argument(raw, .mmapFlags, names)
        case .ioctlRequest: return argument(raw, .ioctlRequest, names)
        case .modeShort:
            guard let mode = UInt32(raw, radix: 8) else { return "conversion error(\(raw))" }
            return SyscallArguments.modeShort(mode)
        case .pathFlags:
            guard let flags = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            let bits = UInt32(truncatingIfNeeded: flags)
            if bits == 0 { return "none" }
            let names = AuparseTables.pathFlags.filter { UInt32(bitPattern: $0.0) & bits != 0 }.map(\.1)
            return names.isEmpty ? "0x" + raw : names.joined(separator: ",")
        case .resolve:
            guard let flags = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            let names = AuparseTables.resolveFlags.filter { UInt64(UInt32(bitPattern: $0.0)) & flags != 0 }.map(\.1)
            return names.isEmpty ? "0x" + raw : names.joined(separator: "|")
        case .ipProtocol:
            guard let number = decimal(raw) else { return "conversion error(\(raw))" }
            return SyscallArguments.protocolName(number) ?? "undefined protocol"
        case .icmpType:
            guard let number = decimal(raw) else { return "conversion error(\(raw))" }
            return SyscallArguments.Lookup.icmpTypes[number] ?? "unknown-icmp-type(\(raw))"
        case .seccomp:
            guard let code = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            return SyscallArguments.Lookup.seccompActions[Int32(bitPattern: UInt32(truncatingIfNeeded: code) & 0x7FFF_0000)]
                ?? "unknown-seccomp-code(\(raw))"
        case .hook:
            guard let hook = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            return SyscallArguments.Lookup.netfilterHooks[Int32(truncatingIfNeeded: hook)] ?? "unknown-hook(\(raw))"
        case .netAction:
            guard let action = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            return SyscallArguments.Lookup.netActions[Int32(truncatingIfNeeded: action)] ?? "unknown-action(\(raw))"
        case .macProtocol:
            guard let type = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            let low = UInt32(truncatingIfNeeded: type)
            return low == 0x0800 ? "IP" : low == 0x0806 ? "ARP" : "UNKNOWN"
        case .fanotify:
            guard raw.first?.isNumber == true else { return raw }
            switch decimal(raw) {
            case 1?: return "allow"
            case 2?: return "deny"
            default: return "unknown"
            }
        case .netlinkGroup:
            guard let group = SyscallArguments.strtoul16(raw) else { return "conversion error(\(raw))" }
            return group == 1 ? "audit-netlink-multicast" : "audit-none"   // AUDIT_NLGRP_READLOG
        default:
            return nil
        }
    }

    private static func argument(_ raw: String, _ decoder: SyscallArguments.Decoder, _ names: any NameResolver) -> String {
        SyscallArguments.text(raw, decoder, names: names, machine: nil)
    }

    /// strtoul(…, 10) into an int, as auparse reads these.
    private static func decimal(_ raw: String) -> Int32? {
        Interpreter.strtoul10(raw).map { Int32(truncatingIfNeeded: $0) }
    }
}
