#if canImport(Glibc)
import Glibc
#endif
import CGlibcExtras

/// Where log bytes come from, as blocks of whole lines in order: a file or a pipe (HostIO's
/// `LogFiles`), bytes in memory (`MemoryLogSource`), later a followed log. `EventStream`
/// reads every source the same way, so a test that reads memory runs the production path.
public protocol LogSource: Sendable {
    /// The file's path, or what diagnostics call the input ("skipped line 3 of NAME").
    var name: String { get }
    /// Several threads may call `forEachSegment` at once and take turns over the blocks
    /// (a mapped file, bytes in memory); a pipe is read by one thread.
    var isShareable: Bool { get }
    /// Calls `body` with each segment, in order. Throws an `InputError` naming the input.
    func forEachSegment(_ body: (LogSegment) throws -> Void) throws
}

/// A block of whole lines (the last may lack its newline), made when the reader wants it;
/// or a line too long to keep (`RecordParser.maximumLineLength`), which is skipped.
public enum LogSegment {
    case block(() -> BlockBytes)
    case tooLongLine
}

/// How big a block is: large enough that per-block costs vanish, small enough that a few
/// kept blocks bound memory whatever the input.
package enum BlockPlan {
    package static let blockSize = 4 << 20

    /// The blocks of `count` bytes at `base`, each ending on a newline (nil: a stretch with
    /// no newline in a whole block, a line too long to keep). `looked(offset)` is told
    /// where the plan read near, so a mapped file can hand those pages back.
    package static func blocks(base: UnsafePointer<UInt8>, count: Int, looked: (Int) -> Void = { _ in }) -> [Range<Int>?] {
        var plan: [Range<Int>?] = []
        var offset = 0
        while offset < count {
            let limit = min(count, offset + blockSize)
            if limit == count {
                plan.append(offset..<limit)
                break
            }
            defer { looked(limit) }
            if let newline = lastNewline(base + offset, limit - offset) {
                plan.append(offset..<(newline + offset + 1))
                offset += newline + 1
                continue
            }
            plan.append(nil)
            guard let newline = firstNewline(base + limit, count - limit) else { break }
            offset = limit + newline + 1
        }
        return plan
    }

    static func lastNewline(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        guard let found = dockaudit_memrchr(start, 0x0A, count) else { return nil }
        return UnsafeRawPointer(start).distance(to: UnsafeRawPointer(found))
    }

    static func firstNewline(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        guard let found = memchr(start, 0x0A, count) else { return nil }
        return UnsafeRawPointer(start).distance(to: UnsafeRawPointer(found))
    }
}

/// Bytes in memory as a log: for tests, and for input already read.
package final class MemoryLogSource: LogSource, @unchecked Sendable {
    public let name: String
    private let storage: UnsafeMutableBufferPointer<UInt8>
    private let plan: [Range<Int>?]

    public init(_ bytes: [UInt8], name: String = "<memory>") {
        self.name = name
        storage = .allocate(capacity: max(1, bytes.count))
        _ = storage.initialize(from: bytes)
        plan = bytes.isEmpty ? [] : BlockPlan.blocks(base: UnsafePointer(storage.baseAddress!), count: bytes.count)
    }

    public convenience init(text: String, name: String = "<memory>") {
        self.init(Array(text.utf8), name: name)
    }

    deinit { storage.deallocate() }

    package var isShareable: Bool { true }

    package func forEachSegment(_ body: (LogSegment) throws -> Void) throws {
        for range in plan {
            guard let range else { try body(.tooLongLine); continue }
            let bytes = UnsafeBufferPointer(rebasing: storage[range])
            try body(.block { BlockBytes(buffer: bytes) {} })
        }
    }
}
