#if canImport(Glibc)
import Glibc
#endif
import AuditLog

/// Where live events go: standard output, a file the writer rotates itself, or a unix
/// socket a collector listens on.
public final class LiveOutput {
    public enum Target: Sendable, Equatable {
        case standardOutput
        /// Rotated when it passes `rotateSize` bytes: `path.1` … `path.<keep>`, the oldest removed.
        case file(path: String, rotateSize: Int, keep: Int)
        /// A stream socket; a collector that goes away is reconnected to, and what it did not take is kept.
        case socket(path: String)

        /// `-`, `unix:PATH`, or a file path.
        public static func parse(_ text: String, rotateSize: Int, keep: Int) -> Target {
            if text == "-" { return .standardOutput }
            if text.hasPrefix("unix:") { return .socket(path: String(text.dropFirst(5))) }
            return .file(path: text, rotateSize: rotateSize, keep: keep)
        }
    }

    public let target: Target
    private var fd: Int32 = -1
    private var size = 0
    /// Only a regular file is rotated: renaming /dev/null or a FIFO away would replace it with a file.
    private var isRegular = false
    /// Bytes a socket did not take yet, written first when it takes bytes again.
    private var unsent: [UInt8] = []
    /// Bytes kept for a collector that is gone, at most this many (the oldest go first).
    public var unsentLimit = 64 << 20
    public private(set) var droppedBytes = 0
    public private(set) var connections = 0

    public init(_ target: Target) throws(HostError) {
        self.target = target
        try reopen()
    }

    deinit { if fd > 2 { close(fd) } }

    /// Opens the file again (after logrotate moved it, on SIGHUP) or reconnects the socket.
    public func reopen() throws(HostError) {
        switch target {
        case .standardOutput:
            fd = 1
        case .file(let path, _, _):
            if fd > 2 { close(fd) }
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw HostError(path: path, reason: .notWritten(String(cString: strerror(errno)))) }
            var info = stat()
            let known = fstat(fd, &info) == 0
            size = known ? Int(info.st_size) : 0
            isRegular = known && (info.st_mode & S_IFMT) == S_IFREG
        case .socket(let path):
            if fd > 2 { close(fd) }
            fd = -1
            connectSocket(path)
        }
    }

    /// Writes `buffer` and empties it. A file is rotated between lines when the next would
    /// take it past its size; a socket whose collector is gone keeps the bytes and tries again
    /// at the next write.
    public func write(_ buffer: inout OutputBuffer) throws(HostError) {
        defer { buffer.removeAll() }
        guard buffer.count > 0 || !unsent.isEmpty else { return }
        let outcome: Result<Void, HostError> = buffer.withUnsafeBytes { bytes in Result { () throws(HostError) in try write(bytes) } }
        try outcome.get()
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(HostError) {
        switch target {
        case .standardOutput:
            guard writeSome(bytes) == bytes.count else { throw HostError(path: "<standard output>", reason: .notWritten(String(cString: strerror(errno)))) }
        case .file(let path, let configuredSize, let keep):
            let rotateSize = isRegular ? configuredSize : 0
            var rest = bytes[...]
            while !rest.isEmpty {
                // Whole lines up to the size; a file is never left empty for a line longer than it.
                var piece = rest
                if rotateSize > 0, size + rest.count > rotateSize {
                    let room = rest.prefix(max(0, rotateSize - size))
                    if let newline = room.lastIndex(of: 0x0A) {
                        piece = rest[...newline]
                    } else if size > 0 {
                        try rotate(path, keep: keep)
                        continue
                    } else {
                        piece = rest[...(rest.firstIndex(of: 0x0A) ?? rest.index(before: rest.endIndex))]
                    }
                }
                guard writeSome(UnsafeRawBufferPointer(rebasing: piece)) == piece.count else {
                    throw HostError(path: path, reason: .notWritten(String(cString: strerror(errno))))
                }
                size += piece.count
                rest = rest[piece.endIndex...]
                if !rest.isEmpty, rotateSize > 0 { try rotate(path, keep: keep) }
            }
        case .socket(let path):
            if fd < 0 { connectSocket(path) }
            var fresh = bytes[...]
            if fd >= 0, unsent.isEmpty {
                fresh = fresh[(fresh.startIndex + writeSome(bytes))...]   // the usual case: straight from the buffer
            } else if fd >= 0 {
                unsent.removeFirst(unsent.withUnsafeBytes { writeSome($0) })
                if unsent.isEmpty { fresh = fresh[(fresh.startIndex + writeSome(bytes))...] }
            }
            let failed = errno
            unsent += fresh
            if unsent.count > unsentLimit {
                droppedBytes += unsent.count - unsentLimit
                unsent.removeFirst(unsent.count - unsentLimit)
            }
            if fd >= 0, !unsent.isEmpty, failed == EPIPE || failed == ECONNRESET || failed == ENOTCONN {
                close(fd)
                fd = -1
            }
        }
    }

    /// Bytes waiting for the socket's collector.
    public var pendingBytes: Int { unsent.count }

    private func rotate(_ path: String, keep: Int) throws(HostError) {
        if fd > 2 { close(fd) }
        if keep > 0 {
            unlink("\(path).\(keep)")
            if keep > 1 { for n in stride(from: keep - 1, through: 1, by: -1) { rename("\(path).\(n)", "\(path).\(n + 1)") } }
            rename(path, "\(path).1")
        } else {
            unlink(path)
        }
        fd = -1
        try reopen()
    }

    private func connectSocket(_ path: String) {
        if case .success(let socketFD) = UnixSocket.connect(path) {
            fd = socketFD
            connections += 1
        }
    }

    /// Writes as much as the target takes; stops at the first error (errno tells).
    private func writeSome(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
        return offset
    }
}
