#if canImport(Glibc)
import Glibc
#endif

/// Syscall and architecture names, per the `arch=` of a record (an AUDIT_ARCH_* value).
public enum SyscallTable {
    /// The `arch=` value (hex, as logged) → the name ausearch prints.
    public static let archNames: [UInt32: String] = [
        0xC000_003E: "x86_64", 0x4000_0003: "i386", 0xC000_00B7: "aarch64", 0x4000_0028: "armeb",
        0x8000_0015: "ppc64", 0xC000_0015: "ppc64le", 0x0000_0014: "ppc",
        0x8000_0016: "s390x", 0x0000_0016: "s390",
    ]

    /// This machine's arch, for records that name a syscall without an `arch=`.
    static let hostArch: UInt32? = {
        var name = utsname()
        uname(&name)
        let machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        switch machine {
        case "x86_64": return 0xC000_003E
        case "aarch64": return 0xC000_00B7
        case "ppc64": return 0x8000_0015
        case "ppc64le": return 0xC000_0015
        case "s390x": return 0x8000_0016
        case "i686", "i386": return 0x4000_0003
        default: return nil
        }
    }()

    static func table(for arch: UInt32?) -> [Int: String]? {
        switch arch {
        case 0xC000_003E?: return GeneratedTables.x86_64Syscalls
        case 0x4000_0003?: return GeneratedTables.i386Syscalls
        case 0xC000_00B7?: return GeneratedTables.aarch64Syscalls
        case 0x4000_0028?: return GeneratedTables.armSyscalls
        case 0x8000_0015?, 0xC000_0015?: return GeneratedTables.ppc64Syscalls
        case 0x8000_0016?: return GeneratedTables.s390xSyscalls
        default: return nil
        }
    }

    /// The syscall's name for the given arch, or nil when unknown.
    public static func name(of number: Int, arch: UInt32?) -> String? { table(for: arch)?[number] }

    /// The number of a syscall name for the given arch.
    public static func number(of name: String, arch: UInt32?) -> Int? {
        table(for: arch)?.first { $0.value == name }?.key
    }
}
