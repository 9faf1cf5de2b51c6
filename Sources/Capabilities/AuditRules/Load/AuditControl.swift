import AuditLog
import HostIO

/// What `rules diff` and `rules load` ask of the kernel, through auditctl. A protocol so that
/// tests can stand in for a locked (`enabled 2`) kernel without ever locking this one.
public protocol AuditControl: Sendable {
    func status() throws -> AuditStatus
    /// `auditctl -l`: the loaded rules, one per line.
    func loadedRules() throws -> String
    /// `auditctl -R file`; throws with auditctl's messages when it fails.
    func load(rulesFile path: String) throws
}

/// Runs the real auditctl.
public struct Auditctl: AuditControl {
    public var executable: String

    public init(executable: String = Auditctl.locate()) { self.executable = executable }

    /// auditctl's path: /sbin, then /usr/sbin.
    public static func locate() -> String {
        ["/sbin/auditctl", "/usr/sbin/auditctl"].first(where: ProgramRun.isExecutable) ?? "/sbin/auditctl"
    }

    public func status() throws -> AuditStatus { AuditStatus(parsing: try run(["-s"])) }

    public func loadedRules() throws -> String { try run(["-l"]) }

    public func load(rulesFile path: String) throws { _ = try run(["-R", path]) }

    private func run(_ arguments: [String]) throws -> String {
        guard let result = ProgramRun.run(executable, arguments) else {
            throw RulesError.auditctl("cannot run \(executable)")
        }
        guard result.status == 0 else {
            throw RulesError.auditctl("\(executable) \(arguments.joined(separator: " ")) failed (status \(result.status)): \(result.output.trimmedBlanks())")
        }
        return result.output
    }
}

/// Why a rules command could not do its job.
public enum RulesError: UserFacingError, Sendable {
    case auditctl(String)
    /// The kernel is locked with `-e 2`.
    case immutable
    /// Lint found errors; nothing was written.
    case lintErrors(Int)
    case io(path: String, reason: String)
    /// A file of the host could not be read or written (the path and the cause).
    case host(HostError)
    case noRulesDirectory(String)
    /// The directory holds no `*.rules` file: loading it would load nothing.
    case emptyRulesDirectory(String)
    /// A plan that would be refused, refused before anything was written.
    case refused(String)

    public var description: String {
        switch self {
        case .auditctl(let message): return message
        case .immutable:
            return "the kernel's audit rules are locked (auditctl -s shows enabled 2): nothing was changed; a reboot is needed before new rules can be loaded"
        case .lintErrors(let count):
            return "lint found \(Wording.count(count, "error")): nothing was written (run dockaudit rules lint)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .host(let error): return error.description
        case .noRulesDirectory(let path): return "no rules directory: \(path)"
        case .emptyRulesDirectory(let path): return "\(path) holds no *.rules file: nothing was written"
        case .refused(let why): return why
        }
    }
}

extension RulesError {
    /// Runs a host write, its failure as a `RulesError`.
    package static func writing(_ body: () throws(HostError) -> Void) throws(RulesError) {
        do { try body() } catch { throw .host(error) }
    }
}
