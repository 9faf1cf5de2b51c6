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

    /// The names of `arch`'s syscalls, indexed by number (`Tables/Libaudit/Syscalls+*.swift`).
    static func table(for arch: UInt32?) -> [String?]? {
        switch arch {
        case 0xC000_003E?: return x86_64Names
        case 0x4000_0003?: return i386Names
        case 0xC000_00B7?: return aarch64Names
        case 0x4000_0028?: return armNames
        case 0x8000_0015?, 0xC000_0015?: return ppc64Names
        case 0x8000_0016?: return s390xNames
        default: return nil
        }
    }

    /// The syscall's name for the given arch, or nil when unknown.
    public static func name(of number: Int, arch: UInt32?) -> String? {
        guard let table = table(for: arch), number >= 0, number < table.count else { return nil }
        return table[number]
    }

    /// The number of a syscall name for the given arch.
    public static func number(of name: String, arch: UInt32?) -> Int? {
        numbersByArch[arch.flatMap { table(for: $0) != nil ? canonicalArch($0) : nil } ?? 0]?[name]
    }

    /// ppc64le shares ppc64's table.
    private static func canonicalArch(_ arch: UInt32) -> UInt32 { arch == 0xC000_0015 ? 0x8000_0015 : arch }

    /// Name → number for each arch, built once (a name lookup used to scan the whole table).
    private static let numbersByArch: [UInt32: [String: Int]] = {
        var byArch: [UInt32: [String: Int]] = [:]
        for arch: UInt32 in [0xC000_003E, 0x4000_0003, 0xC000_00B7, 0x4000_0028, 0x8000_0015, 0x8000_0016] {
            let names = table(for: arch)!
            byArch[arch] = Dictionary(names.enumerated().compactMap { n, name in name.map { ($0, n) } },
                                      uniquingKeysWith: min)
        }
        return byArch
    }()
}
