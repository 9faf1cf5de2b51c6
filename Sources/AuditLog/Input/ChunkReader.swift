#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGlibcExtras

/// Reads a file in large blocks that end on a line boundary.
///
/// A line longer than `RecordParser.maximumLineLength` is not kept: it is reported
/// as `tooLong` and skipped, so memory stays at a few blocks whatever the input.
struct ChunkReader {
    static let blockSize = 4 << 20

    /// Calls `chunk` with each block of whole lines (the last may lack its newline), and
    /// `tooLongLine` where a line over the limit was skipped. `-` is standard input.
    static func read(path: String, chunk: ([UInt8]) throws -> Void, tooLongLine: () throws -> Void) throws {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(path: path, reason: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        var carried: [UInt8] = []
        var skipping = false
        while true {
            let previous = carried.count
            var got = 0
            var block = try [UInt8](unsafeUninitializedCapacity: previous + blockSize) { buffer, count in
                if previous > 0 { _ = carried.withUnsafeBufferPointer { memcpy(buffer.baseAddress!, $0.baseAddress!, previous) } }
                while true {
                    let n = Glibc.read(fd, buffer.baseAddress! + previous, blockSize)
                    if n >= 0 { got = n; break }
                    if errno != EINTR { throw InputError(path: path, reason: String(cString: strerror(errno))) }
                }
                count = previous + got
            }
            if got == 0 {
                if skipping { try tooLongLine() } else if !block.isEmpty { try chunk(block) }
                return
            }
            let lastNewline = block.withUnsafeBytes { raw -> Int? in
                guard let p = dockaudit_memrchr(raw.baseAddress! + previous, 0x0A, got) else { return nil }
                return raw.baseAddress!.distance(to: UnsafeRawPointer(p))
            }
            guard let lastNewline else {
                carried = block
                if carried.count > RecordParser.maximumLineLength {
                    skipping = true
                    carried.removeAll(keepingCapacity: true)
                }
                continue
            }
            if skipping {
                // The rest of the long line ends at the first newline of this block.
                let firstNewline = block.firstIndex(of: 0x0A)!
                try tooLongLine()
                skipping = false
                carried = Array(block[(lastNewline + 1)...])
                if firstNewline < lastNewline { try chunk(Array(block[(firstNewline + 1)...lastNewline])) }
                continue
            }
            carried = Array(block[(lastNewline + 1)...])
            block.removeLast(block.count - lastNewline - 1)
            try chunk(block)
        }
    }
}
