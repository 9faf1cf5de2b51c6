#if canImport(Glibc)
import Glibc
#endif
import AuditLog

/// A log auditd is writing, followed as it grows, is rotated and is truncated.
///
/// auditd rotates by renaming `audit.log` to `audit.log.1` (after shifting the older ones)
/// and creating a new `audit.log`. The follower keeps the file it reads open, so a rename
/// changes nothing for it; when the path names another inode, it reads its file to the end,
/// then every file rotated after it (found by inode in the rotated set, so two rotations
/// between polls lose nothing), then the new live file from its start. A file that shrinks
/// under it was truncated and is read again from its start.
public final class FollowedLog {
    /// Where to begin.
    public enum Start: Sendable {
        /// The end of the live file: only what is written from now on.
        case end
        /// The start of the oldest file of the rotated set, then on.
        case oldest
        /// A saved position: the file with its inode (live or rotated), from its offset.
        case position(LogPosition)
    }

    private struct OpenFile {
        var fd: Int32
        var path: String
        var device: UInt64
        var inode: UInt64
        var offset: Int64
    }

    public let path: String
    private let directory: String
    private let base: String
    /// Files to read to their end before the live one, oldest first.
    private var backlog: [OpenFile] = []
    private var live: OpenFile?
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    /// What happened that the user should hear of (a truncation, a saved file gone).
    public private(set) var notes: [String] = []

    /// Opens the live log at `path` (and with `.oldest` or a rotated position, its rotated
    /// siblings). A live file that does not exist yet is waited for.
    public init(path: String, start: Start) throws(InputError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        directory = slash.map { String(path[..<$0]) } ?? "."
        base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        live = Self.open(path)
        switch start {
        case .end:
            if var file = live { file.offset = Int64(lseek(file.fd, 0, SEEK_END)); live = file }
        case .oldest:
            backlog = rotatedSiblings(newerThan: nil)
        case .position(let position):
            if let file = live, file.inode == position.inode, file.device == position.device {
                live?.offset = min(position.offset, Self.size(of: file.fd))
            } else if let index = rotatedIndex(of: position) {
                backlog = rotatedSiblings(newerThan: nil).filter { sibling in
                    guard let n = number(of: sibling.path), n <= index else { close(sibling.fd); return false }
                    return true
                }
                if !backlog.isEmpty { backlog[0].offset = min(position.offset, Self.size(of: backlog[0].fd)) }
            } else {
                notes.append("the saved position's file (inode \(position.inode)) is no longer in \(directory); reading every file there")
                backlog = rotatedSiblings(newerThan: nil)
            }
        }
        if live == nil && backlog.isEmpty && !Self.exists(directory) {
            throw InputError(path: path, reason: "no such directory")
        }
    }

    deinit {
        buffer.deallocate()
        for file in backlog { close(file.fd) }
        if let live { close(live.fd) }
    }

    /// The file being read and its line number at the current offset (1-based): for the
    /// diagnostics of lines read from there.
    public var current: (path: String, line: Int)? {
        guard let file = backlog.first ?? live else { return nil }
        return (file.path, Self.lineNumber(fd: file.fd, at: file.offset))
    }

    /// Reads whatever is new: `bytes` gets each run of bytes with where it begins, `fileEnded`
    /// is told when a file is read to its end for good (rotated away, or an older file of the
    /// backlog), and `fileStarted` when reading moves to another file. Returns how many bytes it read.
    public func poll(bytes: (UnsafeRawBufferPointer, LogPosition) throws -> Void, fileEnded: () throws -> Void,
                     fileStarted: (String, Int) throws -> Void) throws -> Int {
        var total = 0
        while !backlog.isEmpty {
            total += try drain(&backlog[0], into: bytes)
            close(backlog.removeFirst().fd)
            try fileEnded()
            if let next = backlog.first ?? live { try fileStarted(next.path, Self.lineNumber(fd: next.fd, at: next.offset)) }
        }
        guard var file = live else {
            live = Self.open(path)
            if let file = live { try fileStarted(file.path, 1) }
            return total
        }
        if Self.size(of: file.fd) < file.offset {
            notes.append("\(path) was truncated; reading it again from its start")
            file.offset = 0
            try fileEnded()
            try fileStarted(file.path, 1)
        }
        total += try drain(&file, into: bytes)
        live = file
        var info = stat()
        if stat(path, &info) == 0, UInt64(info.st_ino) != file.inode || UInt64(info.st_dev) != file.device {
            total += try drain(&file, into: bytes)
            let position = LogPosition(device: file.device, inode: file.inode, offset: file.offset)
            let index = rotatedIndex(of: position)
            close(file.fd)
            live = Self.open(path)
            try fileEnded()
            if let index {
                backlog = rotatedSiblings(newerThan: nil).filter { sibling in
                    guard let n = number(of: sibling.path), n < index else { close(sibling.fd); return false }
                    return true
                }
            }
            if let next = backlog.first ?? live { try fileStarted(next.path, 1) }
            total += try poll(bytes: bytes, fileEnded: fileEnded, fileStarted: fileStarted)
        }
        return total
    }

    /// Reads `file` from its offset to its current end.
    private func drain(_ file: inout OpenFile, into body: (UnsafeRawBufferPointer, LogPosition) throws -> Void) throws -> Int {
        var total = 0
        while true {
            let got = pread(file.fd, buffer.baseAddress!, buffer.count, off_t(file.offset))
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError(path: file.path, errno: errno)
            }
            if got == 0 { return total }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<got]),
                     LogPosition(device: file.device, inode: file.inode, offset: file.offset))
            file.offset += Int64(got)
            total += got
        }
    }

    /// `base.N` … `base.1` present now, oldest first, opened; with `newerThan`, only those rotated after it.
    private func rotatedSiblings(newerThan limit: Int?) -> [OpenFile] {
        let names = (try? LogFiles.rotatedSet(in: directory, base: base)) ?? []
        return names.filter { $0 != path && !$0.hasSuffix("/" + base) }.compactMap { name in
            if let limit, let n = number(of: name), n >= limit { return nil }
            return Self.open(name)
        }
    }

    /// The N of the rotated file `base.N` that has `position`'s inode.
    private func rotatedIndex(of position: LogPosition) -> Int? {
        for name in (try? LogFiles.rotatedSet(in: directory, base: base)) ?? [] {
            var info = stat()
            guard let n = number(of: name), stat(name, &info) == 0 else { continue }
            if UInt64(info.st_ino) == position.inode && UInt64(info.st_dev) == position.device { return n }
        }
        return nil
    }

    private func number(of name: String) -> Int? {
        guard let dot = name.lastIndex(of: "."), name[..<dot].hasSuffix(base) else { return nil }
        return Int(name[name.index(after: dot)...])
    }

    private static func open(_ path: String) -> OpenFile? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else { close(fd); return nil }
        return OpenFile(fd: fd, path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), offset: 0)
    }

    private static func size(of fd: Int32) -> Int64 {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// 1 + the newlines before `offset`, counted once when a file is opened part-way.
    private static func lineNumber(fd: Int32, at offset: Int64) -> Int {
        guard offset > 0 else { return 1 }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        var lines = 1, at: Int64 = 0
        while at < offset {
            let got = pread(fd, chunk.baseAddress!, Int(min(Int64(chunk.count), offset - at)), off_t(at))
            if got <= 0 { break }
            lines += chunk[0..<got].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            at += Int64(got)
        }
        return lines
    }
}
