#if canImport(Glibc)
import Glibc
#endif

/// A log that could not be read, with its path and what would help.
public struct InputError: UserFacingError, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// From a failed call's errno; permission errors say what would help.
    public init(path: String, errno code: Int32) {
        self.path = path
        if code == EACCES || code == EPERM {
            reason = "permission denied: run as root, or as a member of the log_group that auditd.conf sets (root by default)"
        } else {
            reason = String(cString: strerror(code))
        }
    }
}
