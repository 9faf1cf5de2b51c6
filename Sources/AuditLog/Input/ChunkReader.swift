#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGlibcExtras

/// Cuts a file into blocks of about `blockSize` bytes that end on a line boundary.
///
/// A regular file is mapped, so no byte is copied; a pipe (`-`) is read. A line longer
/// than `RecordParser.maximumLineLength` that does not fit a block is reported as
/// `tooLong` and skipped, so memory stays at a few blocks whatever the input.
struct ChunkReader {
    static let blockSize = 4 << 20

    /// Calls `chunk` with each block of whole lines (the last may lack its newline), and
    /// `tooLongLine` where a line over the limit was skipped. `-` is standard input.
    static func read(path: String, chunk: (BlockBytes) throws -> Void, tooLongLine: () throws -> Void) throws {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(path: path, reason: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        if let file = MappedFile(fd: fd) {
            try split(file, chunk: chunk, tooLongLine: tooLongLine)
        } else {
            try stream(fd: fd, path: path, chunk: chunk, tooLongLine: tooLongLine)
        }
    }

    private static func split(_ file: MappedFile, chunk: (BlockBytes) throws -> Void,
                              tooLongLine: () throws -> Void) throws {
        var offset = 0
        while offset < file.size {
            let limit = min(file.size, offset + blockSize)
            if limit == file.size {
                try chunk(file.block(offset..<limit))
                return
            }
            if let newline = dockaudit_memrchr(file.base + offset, 0x0A, limit - offset) {
                let end = file.base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                try chunk(file.block(offset..<end))
                offset = end
                continue
            }
            // No newline in a whole block: the line is longer than any record may be.
            try tooLongLine()
            if let newline = memchr(file.base + limit, 0x0A, file.size - limit) {
                offset = file.base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                return
            }
        }
    }

    private static func stream(fd: Int32, path: String, chunk: (BlockBytes) throws -> Void,
                               tooLongLine: () throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize * 2, alignment: 16)
        defer { buffer.deallocate() }
        let base = buffer.baseAddress!
        var carried = 0          // bytes of an unfinished line at the start of the buffer
        var skipping = false     // inside a line too long to keep
        while true {
            var got = 0
            while true {
                got = Glibc.read(fd, base + carried, blockSize)
                if got >= 0 { break }
                if errno != EINTR { throw InputError(path: path, reason: String(cString: strerror(errno))) }
            }
            let filled = carried + got
            if got == 0 {
                if skipping { try tooLongLine() } else if filled > 0 {
                    try chunk(BlockBytes(copying: UnsafeRawBufferPointer(start: base, count: filled)))
                }
                return
            }
            var start = 0
            if skipping {
                guard let newline = memchr(base + carried, 0x0A, got) else { carried = 0; continue }
                try tooLongLine()
                skipping = false
                start = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline)) + 1
            }
            if let newline = dockaudit_memrchr(base + start, 0x0A, filled - start) {
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline)) + 1
                if end > start {
                    try chunk(BlockBytes(copying: UnsafeRawBufferPointer(start: base + start, count: end - start)))
                }
                carried = filled - end
                memmove(base, base + end, carried)
            } else {
                carried = filled - start
                if start > 0 { memmove(base, base + start, carried) }
                if carried > RecordParser.maximumLineLength {
                    skipping = true
                    carried = 0
                }
            }
        }
    }
}
