import AuditLog

/// A rule's `-F arch=` value resolved to the kernel's AUDIT_ARCH number.
public struct RuleArch: Sendable, Hashable, CustomStringConvertible {
    public let value: UInt32

    public static let x86_64 = RuleArch(value: 0xC000_003E)
    package static let i386 = RuleArch(value: 0x4000_0003)
    package static let aarch64 = RuleArch(value: 0xC000_00B7)
    package static let arm = RuleArch(value: 0x4000_0028)

    public init(value: UInt32) { self.value = value }

    /// Resolves `b64`, `b32`, a machine name (`x86_64`, `i386`, …) or a number, for a host
    /// whose native arch is `native` (`b64` is the native 64-bit ABI, `b32` its 32-bit one).
    public init?(_ text: String, native: RuleArch = .x86_64) {
        switch text {
        case "b64":
            self = native
        case "b32":
            guard let compat = native.compat else { return nil }
            self = compat
        default:
            if let known = SyscallTable.archNames.first(where: { $0.value == text }) {
                self.init(value: known.key)
            } else if let number = FieldCatalog.integer(text), let value = UInt32(exactly: number) {
                self.init(value: value)
            } else if text == "ppc64le" || text == "armeb" {
                self.init(value: text == "ppc64le" ? 0xC000_0015 : 0x4000_0028)
            } else {
                return nil
            }
        }
    }

    /// The 32-bit ABI a 64-bit arch also runs (the one a `b32` twin rule must cover).
    var compat: RuleArch? {
        switch value {
        case 0xC000_003E: return .i386
        case 0xC000_00B7: return .arm
        case 0x8000_0015, 0xC000_0015: return RuleArch(value: 0x0000_0014)
        case 0x8000_0016: return RuleArch(value: 0x0000_0016)
        default: return nil
        }
    }

    /// True for the 64-bit ABIs.
    var is64Bit: Bool { value & 0x8000_0000 != 0 }

    public var description: String { SyscallTable.archNames[value] ?? String(value, radix: 16) }

    /// The number of a syscall name (or numeric text) on this arch.
    func syscallNumber(_ name: String) -> Int? {
        if let number = Int(name) { return number }
        return SyscallTable.number(of: name, arch: value)
    }
}

#if canImport(Glibc)
import Glibc

extension RuleArch {
    /// This machine's native arch (uname -m), which auditctl resolves `b64` and bare `-S` to.
    public static var host: RuleArch {
        var names = utsname()
        uname(&names)
        let machine = withUnsafeBytes(of: &names.machine) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        switch machine {
        case "aarch64": return .aarch64
        case "ppc64le": return RuleArch(value: 0xC000_0015)
        case "ppc64": return RuleArch(value: 0x8000_0015)
        case "s390x": return RuleArch(value: 0x8000_0016)
        case "i386", "i686": return .i386
        default: return .x86_64
        }
    }
}
#endif
