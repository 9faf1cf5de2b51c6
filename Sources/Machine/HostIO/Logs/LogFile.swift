#if canImport(Glibc)
import Glibc
#endif
import AuditLog
import CGlibcExtras

/// One log on this host as a `LogSource`: a regular file is mapped and its blocks planned
/// once, up front, so several threads can take turns over them; a pipe (`-`, standard
/// input) is read by one thread. A line longer than `RecordParser.maximumLineLength` with
/// no newline in a whole block is a `tooLongLine` segment, so memory stays at a few blocks.
final class LogFile: LogSource, @unchecked Sendable {
    public let name: String
    private let fd: Int32
    private let file: MappedFile?
    private let plan: [Range<Int>?]
    /// A regular file with nothing in it (it cannot be mapped, and has nothing to read).
    private let isEmpty: Bool

    /// Opens `path` (`-` is standard input); throws an `InputError` naming it when it cannot be read.
    public init(path: String) throws(InputError) {
        name = path
        fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(path: path, errno: errno) }
        let file = MappedFile(fd: fd)
        self.file = file
        plan = file.map { file in BlockPlan.blocks(base: file.base, count: file.size, looked: file.forget(around:)) } ?? []
        var info = stat()
        isEmpty = file == nil && fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size == 0
    }

    deinit { if fd > 0 { close(fd) } }

    package var isShareable: Bool { file != nil || isEmpty }

    package func forEachSegment(_ body: (LogSegment) throws -> Void) throws {
        if let file {
            for range in plan {
                if let range { try body(.block { file.block(range) }) } else { try body(.tooLongLine) }
            }
        } else if !isEmpty {
            try LogFile.stream(fd: fd, path: name, chunk: { try body(.block($0)) }, tooLongLine: { try body(.tooLongLine) })
        }
    }

    private static func stream(fd: Int32, path: String, chunk: (@escaping () -> BlockBytes) throws -> Void,
                               tooLongLine: () throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: BlockPlan.blockSize * 2, alignment: 16)
        defer { buffer.deallocate() }
        let base = buffer.baseAddress!
        var carried = 0          // bytes of an unfinished line at the start of the buffer
        var skipping = false     // inside a line too long to keep
        while true {
            var got = 0
            while true {
                got = Glibc.read(fd, base + carried, BlockPlan.blockSize)
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
