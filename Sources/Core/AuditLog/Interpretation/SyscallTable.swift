#if canImport(Glibc)
import Glibc
#endif

/// Syscall and architecture names, per the `arch=` of a record (an AUDIT_ARCH_* value).
package enum SyscallTable {
    /// The AUDIT_ARCH_* values of `arch=` (linux/audit.h) that have a syscall table.
    enum Arch {
        public static let x86_64: UInt32 = 0xC000_003E, i386: UInt32 = 0x4000_0003
        package static let aarch64: UInt32 = 0xC000_00B7, arm: UInt32 = 0x4000_0028
        package static let ppc64: UInt32 = 0x8000_0015, ppc64le: UInt32 = 0xC000_0015, s390x: UInt32 = 0x8000_0016
    }

    /// The `arch=` value (hex, as logged) → the name ausearch prints.
    package static let archNames: [UInt32: String] = [
        Arch.x86_64: "x86_64", Arch.i386: "i386", Arch.aarch64: "aarch64", Arch.arm: "armeb",
        Arch.ppc64: "ppc64", Arch.ppc64le: "ppc64le", 0x0000_0014: "ppc",
        Arch.s390x: "s390x", 0x0000_0016: "s390",
    ]

    /// This machine's arch, for records that name a syscall without an `arch=`.
    static let hostArch: UInt32? = {
        var name = utsname()
        uname(&name)
        let machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        switch machine {
        case "x86_64": return Arch.x86_64
        case "aarch64": return Arch.aarch64
        case "ppc64": return Arch.ppc64
        case "ppc64le": return Arch.ppc64le
        case "s390x": return Arch.s390x
        case "i686", "i386": return Arch.i386
        default: return nil
        }
    }()

    /// The names of `arch`'s syscalls, indexed by number (`Tables/Libaudit/Syscalls+*.swift`).
    static func table(for arch: UInt32?) -> [String?]? {
        switch arch {
        case Arch.x86_64?: return x86_64Names
        case Arch.i386?: return i386Names
        case Arch.aarch64?: return aarch64Names
        case Arch.arm?: return armNames
        case Arch.ppc64?, Arch.ppc64le?: return ppc64Names
        case Arch.s390x?: return s390xNames
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
    private static func canonicalArch(_ arch: UInt32) -> UInt32 { arch == Arch.ppc64le ? Arch.ppc64 : arch }

    /// Name → number for each arch, built once (a name lookup used to scan the whole table).
    private static let numbersByArch: [UInt32: [String: Int]] = {
        var byArch: [UInt32: [String: Int]] = [:]
        for arch in [Arch.x86_64, Arch.i386, Arch.aarch64, Arch.arm, Arch.ppc64, Arch.s390x] {
            let names = table(for: arch)!
            byArch[arch] = Dictionary(names.enumerated().compactMap { n, name in name.map { ($0, n) } },
                                      uniquingKeysWith: min)
        }
        return byArch
    }()
}
