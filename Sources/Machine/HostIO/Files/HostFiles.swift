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
    func load(_ path: String) -> Result<[UInt8], HostError>
    /// Why the path cannot be looked at, if it cannot (permission).
    func accessProblem(_ path: String) -> HostError?
    /// The names in a directory (without `.` and `..`), or [] when it cannot be listed.
    func list(_ directory: String) -> [String]
    /// Where the path leads with its links followed inside the root (the last one only with
    /// `followLast`).
    func resolve(_ path: String, followLast: Bool) -> PathResolution
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
    /// The path with every link resolved (within the root), or nil when it does not exist
    /// or ends in a loop.
    package func canonical(_ path: String) -> String? {
        if case .existing(let resolved) = resolve(path, followLast: true) { return resolved }
        return nil
    }

    /// Why the path cannot even be looked at (a directory above it is closed to this user),
    /// or nil; in-memory hosts have no such paths.
    public func accessProblem(_ path: String) -> HostError? { nil }

    /// For hosts that only say whether a file can be read (in-memory hosts in tests).
    public func load(_ path: String) -> Result<[UInt8], HostError> {
        read(path).map { .success($0) } ?? .failure(HostError(path: path, reason: exists(path) ? .permissionDenied : .notFound))
    }
}

/// The files of this machine, under `root`.
public struct LocalHostFiles: HostFiles {
    public var root: String

    public init(root: String = "/") { self.root = root }

    private var isHostRoot: Bool { root == "/" || root.isEmpty }
    private var prefix: String { root.hasSuffix("/") ? String(root.dropLast()) : root }

    /// The real path of a host path under the root, its links followed inside the root;
    /// nil for a loop. On the live host the kernel follows the links itself.
    public func real(_ path: String, followLast: Bool = true) -> String? {
        guard !isHostRoot else { return path }
        return resolve(path, followLast: followLast).path.map { prefix + $0 }
    }

    public func resolve(_ path: String, followLast: Bool = true) -> PathResolution {
        let base = isHostRoot ? "" : prefix
        return PathResolver.resolve(path, followLast: followLast) { candidate in
            var info = stat()
            guard lstat(base + candidate, &info) == 0 else { return .missing }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return .directory
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(base + candidate, &buffer, buffer.count - 1)
                guard count > 0 else { return .missing }
                return .link(target: String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
            default: return .other
            }
        }
    }

    public func exists(_ path: String) -> Bool {
        var info = stat()
        guard let real = real(path, followLast: false) else { return true }
        return lstat(real, &info) == 0
    }

    public func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard let real = real(path) else { return false }
        return stat(real, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func accessProblem(_ path: String) -> HostError? {
        var info = stat()
        guard let real = real(path) else { return HostError(path: path, reason: .linkLoop) }
        guard stat(real, &info) != 0, errno == EACCES || errno == EPERM else { return nil }
        return HostError(path: path, reason: .permissionDenied)
    }

    public func read(_ path: String) -> [UInt8]? {
        try? load(path).get()
    }

    public func load(_ path: String) -> Result<[UInt8], HostError> {
        load(path, limit: HostError.defaultLimit)
    }

    /// The bytes of a regular file, at most `limit` of them. A FIFO, a device, a socket or
    /// a link to one is refused before it can block or stream forever (the file is opened
    /// without blocking and checked with fstat); a larger file is refused, not truncated.
    public func load(_ path: String, limit: Int) -> Result<[UInt8], HostError> {
        guard let real = real(path) else { return .failure(HostError(path: path, reason: .linkLoop)) }
        let fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return .failure(HostError(path: path, errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(HostError(path: path, errno: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(HostError(path: path, reason: .notRegular(FileStatus.kindName(info.st_mode))))
        }
        guard info.st_size <= limit else { return .failure(HostError(path: path, reason: .tooLarge(limit: limit))) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(HostError(path: path, errno: errno))
            }
            if count == 0 { return .success(bytes) }
            bytes += buffer[..<count]
            // /proc files report size 0: the limit holds while reading too.
            guard bytes.count <= limit else { return .failure(HostError(path: path, reason: .tooLarge(limit: limit))) }
        }
    }

    public func status(_ path: String) -> FileStatus? {
        var info = stat()
        guard let real = real(path, followLast: false), lstat(real, &info) == 0 else { return nil }
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
        guard let real = real(directory), let dir = opendir(real) else { return [] }
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
