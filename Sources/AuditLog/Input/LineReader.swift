#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An input that could not be opened or read.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Reads a file descriptor in large chunks and hands out its lines as borrowed bytes.
///
/// Memory stays at one chunk plus the longest line seen (capped: a line over
/// `RecordParser.maximumLineLength` is reported as too long and skipped without being kept).
public struct LineReader {
    public static let chunkSize = 4 << 20

    /// Calls `body(line, lineNumber)` for every line of the file at `path` (`-` is standard input).
    /// The buffer passed to `body` is only valid during the call. A line over the limit
    /// is passed as nil so the caller can count it.
    public static func forEachLine(path: String,
                                   _ body: (UnsafeBufferPointer<UInt8>?, Int) throws -> Void) throws {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(path: path, reason: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        try forEachLine(fd: fd, path: path, body)
    }

    static func forEachLine(fd: Int32, path: String,
                            _ body: (UnsafeBufferPointer<UInt8>?, Int) throws -> Void) throws {
        let limit = RecordParser.maximumLineLength
        var buffer = [UInt8](repeating: 0, count: chunkSize + limit + 1)
        var carried = 0          // bytes of an unfinished line at the start of buffer
        var skippingLongLine = false
        var lineNumber = 0
        try buffer.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress!
            while true {
                let got = read(fd, base + carried, chunkSize)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw InputError(path: path, reason: String(cString: strerror(errno)))
                }
                let end = carried + got
                var start = 0
                var scan = carried
                while scan < end {
                    guard let nl = memchr(base + scan, 0x0A, end - scan) else { break }
                    let stop = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                    lineNumber += 1
                    if skippingLongLine {
                        skippingLongLine = false
                        try body(nil, lineNumber)
                    } else {
                        try body(UnsafeBufferPointer(start: base + start, count: stop - start), lineNumber)
                    }
                    start = stop + 1
                    scan = start
                }
                if got == 0 {
                    if end > start || skippingLongLine {
                        lineNumber += 1
                        try body(skippingLongLine ? nil : UnsafeBufferPointer(start: base + start, count: end - start),
                                 lineNumber)
                    }
                    return
                }
                carried = end - start
                if carried > limit {
                    skippingLongLine = true
                    carried = 0
                } else if start > 0 && carried > 0 {
                    memmove(base, base + start, carried)
                }
            }
        }
    }
}
