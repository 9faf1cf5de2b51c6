import AuditLog
#if canImport(Glibc)
import Glibc
#endif

/// Why a file on the host could not be read or written, with its path and the cause: what
/// a message names, and what `check` turns into a `skip` ("permission denied: run as root").
public struct HostError: UserFacingError, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case notFound
        case permissionDenied
        /// A FIFO, device, socket or directory where a file was expected.
        case notRegular(String)
        case tooLarge(limit: Int)
        /// More links in a row than the kernel follows: a link that leads back to itself.
        case linkLoop
        /// A write that did not happen; the file is as it was (`AtomicFile`).
        case notWritten(String)
        case other(String)
    }

    /// auditd's, Docker's and systemd's configuration files are kilobytes; 16 MiB is far
    /// past any real one and far below what would exhaust memory.
    static let defaultLimit = 16 << 20

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.path = path
        switch code {
        case ENOENT, ENOTDIR: reason = .notFound
        case EACCES, EPERM: reason = .permissionDenied
        case ELOOP: reason = .linkLoop
        default: reason = .other(String(cString: strerror(code)))
        }
    }

    public var description: String { "\(path): \(explanation)" }

    /// What went wrong, without the path.
    package var explanation: String {
        switch reason {
        case .notFound: return "no such file"
        case .permissionDenied: return "permission denied (run as root)"
        case .notRegular(let kind): return "a \(kind), not a regular file"
        case .tooLarge(let limit): return "larger than \(limit >> 20) MiB, not a configuration file"
        case .linkLoop: return "a loop of symbolic links"
        case .notWritten(let why): return "not written: \(why)"
        case .other(let text): return text
        }
    }
}

extension FileStatus {
    /// A file type in words, for messages.
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "FIFO"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        case S_IFSOCK: return "socket"
        case S_IFDIR: return "directory"
        case S_IFLNK: return "link"
        default: return "special file"
        }
    }
}
