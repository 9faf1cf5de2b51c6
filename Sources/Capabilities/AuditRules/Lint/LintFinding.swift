/// One thing `rules lint` has to say about a rule set.
public struct LintFinding: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    package var severity: Severity
    /// A stable identifier (`after-immutable`, `no-arch`, …) for filtering and JSON.
    public var code: String
    public var message: String
    /// What to change; nil when the message says it.
    public var fix: String?
    package var location: RuleLocation

    public init(_ severity: Severity, _ code: String, _ message: String, fix: String? = nil, at location: RuleLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.fix = fix
        self.location = location
    }
}

/// How often the kernel evaluates a rule.
package enum RuleCost: String, Sendable, Hashable, CaseIterable {
    /// A syscall-list rule without `-S` (or `-S all`): checked on every syscall of every process.
    case everySyscall = "every-syscall"
    /// Checked on the syscalls it lists; `highVolume` marks lists with read, write, openat, ….
    case listedSyscalls = "listed-syscalls"
    /// A watch, or a rule narrowed by `-F perm=`: checked only on the syscalls that touch files.
    case fileSyscalls = "file-syscalls"
    /// Not evaluated per syscall (user, exclude, task and filesystem lists).
    case notPerSyscall = "not-per-syscall"
}
