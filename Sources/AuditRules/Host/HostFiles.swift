#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only access to a host's files, under a root directory (`/` for the live host,
/// a mounted image or a copy for offline work). Paths are given as on the host.
public protocol HostFiles: Sendable {
    func exists(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
    /// The file's bytes, or nil when it cannot be read.
    func read(_ path: String) -> [UInt8]?
    /// The file's bytes, or why they cannot be had.
    func load(_ path: String) -> Result<[UInt8], HostFileError>
    /// Why the path cannot be looked at, if it cannot (permission).
    func accessProblem(_ path: String) -> HostFileError?
    /// The names in a directory (without `.` and `..`), or [] when it cannot be listed.
    func list(_ directory: String) -> [String]
    /// The path with every symlink resolved (within the root), or nil when it does not exist.
    func canonical(_ path: String) -> String?
    /// Type, owner and mode of the file itself (symlinks not followed), or nil when it does not exist.
    func status(_ path: String) -> FileStatus?
}

/// What `stat` says about a file: its type, owner, group and permission bits.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: String, Sendable { case file, directory, socket, symlink, other }
    public var kind: Kind
    public var uid: UInt32
    public var gid: UInt32
    /// The permission bits, `0o7777` at most.
    public var mode: UInt32

    public init(kind: Kind, uid: UInt32, gid: UInt32, mode: UInt32) {
        self.kind = kind
        self.uid = uid
        self.gid = gid
        self.mode = mode
    }
}

extension HostFiles {
    /// Why the path cannot even be looked at (a directory above it is closed to this user),
    /// or nil; in-memory hosts have no such paths.
    public func accessProblem(_ path: String) -> HostFileError? { nil }

    /// For hosts that only say whether a file can be read (in-memory hosts in tests).
    public func load(_ path: String) -> Result<[UInt8], HostFileError> {
        read(path).map { .success($0) } ?? .failure(HostFileError(path: path, reason: exists(path) ? .permissionDenied : .notFound))
    }
}

/// The files of this machine, under `root`.
public struct LocalHostFiles: HostFiles {
    public var root: String

    public init(root: String = "/") { self.root = root }

    /// The real path of a host path under the root.
    public func real(_ path: String) -> String {
        root == "/" || root.isEmpty ? path : (root.hasSuffix("/") ? String(root.dropLast()) : root) + path
    }

    public func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(real(path), &info) == 0
    }

    public func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(real(path), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func accessProblem(_ path: String) -> HostFileError? {
        var info = stat()
        guard stat(real(path), &info) != 0, errno == EACCES || errno == EPERM else { return nil }
        return HostFileError(path: path, reason: .permissionDenied)
    }

    public func read(_ path: String) -> [UInt8]? {
        try? load(path).get()
    }

    public func load(_ path: String) -> Result<[UInt8], HostFileError> {
        load(path, limit: HostFileError.defaultLimit)
    }

    /// The bytes of a regular file, at most `limit` of them. A FIFO, a device, a socket or
    /// a link to one is refused before it can block or stream forever (the file is opened
    /// without blocking and checked with fstat); a larger file is refused, not truncated.
    public func load(_ path: String, limit: Int) -> Result<[UInt8], HostFileError> {
        let fd = open(real(path), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return .failure(HostFileError(path: path, errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(HostFileError(path: path, errno: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(HostFileError(path: path, reason: .notRegular(FileStatus.kindName(info.st_mode))))
        }
        guard info.st_size <= limit else { return .failure(HostFileError(path: path, reason: .tooLarge(limit: limit))) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(HostFileError(path: path, errno: errno))
            }
            if count == 0 { return .success(bytes) }
            bytes += buffer[..<count]
            // /proc files report size 0: the limit holds while reading too.
            guard bytes.count <= limit else { return .failure(HostFileError(path: path, reason: .tooLarge(limit: limit))) }
        }
    }

    public func canonical(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(real(path), &buffer) != nil else { return nil }
        let resolved = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard root != "/", !root.isEmpty else { return resolved }
        let prefix = root.hasSuffix("/") ? String(root.dropLast()) : root
        guard resolved.hasPrefix(prefix) else { return resolved }
        let inside = String(resolved.dropFirst(prefix.count))
        return inside.isEmpty ? "/" : inside
    }

    public func status(_ path: String) -> FileStatus? {
        var info = stat()
        guard lstat(real(path), &info) == 0 else { return nil }
        let kind: FileStatus.Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        case S_IFSOCK: kind = .socket
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        return FileStatus(kind: kind, uid: info.st_uid, gid: info.st_gid, mode: UInt32(info.st_mode) & 0o7777)
    }

    public func list(_ directory: String) -> [String] {
        guard let dir = opendir(real(directory)) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
