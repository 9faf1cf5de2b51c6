#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGlibcExtras

/// One input, cut into blocks of about `blockSize` bytes that end on a line boundary.
///
/// A regular file is mapped and its blocks planned once, up front, so several threads
/// can take turns indexing them; a pipe (`-`) is read, by one thread. A line longer than
/// `RecordParser.maximumLineLength` that does not fit a block is reported as `tooLong`
/// and skipped, so memory stays at a few blocks whatever the input.
final class BlockSource: @unchecked Sendable {
    static let blockSize = 4 << 20

    /// A block of whole lines (the last may lack its newline), or a line too long to keep.
    enum Segment {
        case block(() -> BlockBytes)
        case tooLongLine
    }

    let path: String
    private let fd: Int32
    private let file: MappedFile?
    private let plan: [Range<Int>?]
    /// A regular file with nothing in it (it cannot be mapped, and has nothing to read).
    private let isEmpty: Bool

    /// Opens the input; throws an `InputError` naming it when it cannot be read.
    convenience init(_ input: LogInput) throws {
        switch input {
        case .path(let path): try self.init(path: path)
        case .bytes(let bytes, let name): self.init(name: name, bytes: bytes)
        }
    }

    /// Bytes already in memory, read as a mapped file is (in blocks that several threads share).
    init(name: String, bytes: [UInt8]) {
        path = name
        fd = -1
        file = MappedFile(copying: bytes)
        plan = file.map(BlockSource.plan) ?? []
        isEmpty = file == nil
    }

    init(path: String) throws {
        self.path = path
        fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(path: path, errno: errno) }
        file = MappedFile(fd: fd)
        plan = file.map(BlockSource.plan) ?? []
        var info = stat()
        isEmpty = file == nil && fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size == 0
    }

    deinit { if fd > 0 { close(fd) } }

    /// Whether several threads may take turns over the blocks (a file, not a pipe).
    var isShareable: Bool { file != nil || isEmpty }

    /// Calls `body` with each segment, in order.
    func forEachSegment(_ body: (Segment) throws -> Void) throws {
        if let file {
            for range in plan {
                if let range { try body(.block { file.block(range) }) } else { try body(.tooLongLine) }
            }
        } else if !isEmpty {
            try BlockSource.stream(fd: fd, path: path, chunk: { try body(.block($0)) }, tooLongLine: { try body(.tooLongLine) })
        }
    }

    /// The blocks of a mapped file (nil for a line too long to keep). Reading for line ends
    /// maps a few pages at each block's end; they are handed back at once.
    private static func plan(_ file: MappedFile) -> [Range<Int>?] {
        var plan: [Range<Int>?] = []
        var offset = 0
        while offset < file.size {
            let limit = min(file.size, offset + blockSize)
            if limit == file.size {
                plan.append(offset..<limit)
                break
            }
            defer { file.forget(around: limit) }
            if let newline = dockaudit_memrchr(file.base + offset, 0x0A, limit - offset) {
                let end = file.base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                plan.append(offset..<end)
                offset = end
                continue
            }
            // No newline in a whole block: the line is longer than any record may be.
            plan.append(nil)
            guard let newline = memchr(file.base + limit, 0x0A, file.size - limit) else { break }
            offset = file.base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return plan
    }

    private static func stream(fd: Int32, path: String, chunk: (@escaping () -> BlockBytes) throws -> Void,
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
                if errno != EINTR { throw InputError(path: path, errno: errno) }
            }
            let filled = carried + got
            if got == 0 {
                if skipping { try tooLongLine() } else if filled > 0 {
                    let block = BlockBytes(copying: UnsafeRawBufferPointer(start: base, count: filled))
                    try chunk { block }
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
                    let block = BlockBytes(copying: UnsafeRawBufferPointer(start: base + start, count: end - start))
                    try chunk { block }
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
