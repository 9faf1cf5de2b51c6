/// The filter list a rule is attached to (`-a list,action`).
public enum RuleList: String, Sendable, Hashable, CaseIterable {
    case task, exit, user, exclude, filesystem
    case ioUring = "io_uring"
}

/// What a matching rule does.
public enum RuleAction: String, Sendable, Hashable, CaseIterable {
    case always, never
}

/// How a syscall rule is handed to the kernel: appended (`-a`), prepended (`-A`) or deleted (`-d`).
package enum RuleOperation: String, Sendable, Hashable {
    case append = "-a"
    case prepend = "-A"
    case delete = "-d"
}

/// The permissions a watch (or `-F perm=`) covers: read, write, execute, attribute change.
public struct WatchPermissions: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let read = WatchPermissions(rawValue: 1)
    public static let write = WatchPermissions(rawValue: 2)
    package static let execute = WatchPermissions(rawValue: 4)
    public static let attribute = WatchPermissions(rawValue: 8)
    public static let all: WatchPermissions = [.read, .write, .execute, .attribute]

    /// Parses `rwxa` letters in any order; nil for an empty text or any other letter.
    public init?(letters: String) {
        guard !letters.isEmpty else { return nil }
        var permissions: WatchPermissions = []
        for letter in letters {
            switch letter {
            case "r": permissions.insert(.read)
            case "w": permissions.insert(.write)
            case "x": permissions.insert(.execute)
            case "a": permissions.insert(.attribute)
            default: return nil
            }
        }
        self = permissions
    }

    /// The letters in auditctl's order, `rwxa`.
    public var description: String {
        (contains(.read) ? "r" : "") + (contains(.write) ? "w" : "") + (contains(.execute) ? "x" : "")
            + (contains(.attribute) ? "a" : "")
    }
}

/// A file watch: `-w path [-p perms] [-k key]`, or its removal with `-W`.
public struct WatchRule: Sendable, Hashable {
    public var path: String
    /// Nil when `-p` is absent: the kernel then watches all four (`rwxa`).
    public var permissions: WatchPermissions?
    public var keys: [String]
    package var removes: Bool

    package var effectivePermissions: WatchPermissions { permissions ?? .all }
}

/// A syscall (or other filter-list) rule: `-a list,action [-S …] [-F …] [-C …] [-k …]`.
public struct SyscallRule: Sendable, Hashable {
    package var operation: RuleOperation
    public var list: RuleList
    public var action: RuleAction
    /// The syscalls as written (names or numbers); empty when none was given, `["all"]` for all.
    public var syscalls: [String]
    package var fields: [RuleField]
    package var comparisons: [FieldComparison]
    public var keys: [String]

    /// True when the rule is evaluated for every syscall (`-S all` or no `-S` on a syscall list).
    var coversAllSyscalls: Bool { syscalls.isEmpty || syscalls.contains("all") }

    /// The `-F arch=` value, when given.
    public var arch: String? { fields.first { $0.name == "arch" && $0.op == .equal }?.value }

    /// The fields other than `arch` and `key`, which narrow what the rule matches.
    var narrowingFields: [RuleField] { fields.filter { $0.name != "arch" && $0.name != "key" } }
}

/// A control option of a rules file: everything that is not a rule.
public enum ControlOption: Sendable, Hashable {
    /// `-D`, optionally only the rules with `-k key`.
    case deleteAll(key: String?)
    case backlogLimit(Int)
    case failureMode(Int)
    case rateLimit(Int)
    case enabled(Int)
    case backlogWaitTime(Int)
    /// `-i`: ignore errors of the following rules.
    case ignoreErrors
    /// `-c`: continue loading after an error.
    case continueOnError
    case loginUIDImmutable
    case resetLost
}

/// One meaningful line of a rules file.
public enum RuleStatement: Sendable, Hashable {
    case control(ControlOption)
    case watch(WatchRule)
    case syscall(SyscallRule)
}

/// A statement with where it was written and its text.
public struct RuleLine: Sendable, Hashable {
    package var statement: RuleStatement
    package var location: RuleLocation
    public var text: String

    public init(statement: RuleStatement, location: RuleLocation, text: String) {
        self.statement = statement
        self.location = location
        self.text = text
    }
}
