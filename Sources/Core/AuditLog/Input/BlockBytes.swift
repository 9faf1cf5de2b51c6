#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one block of lines, alive as long as this object is: either a heap
/// buffer (read from a pipe) or a stretch of a mapped file, given back to the kernel
/// (`MADV_DONTNEED`) when the block is done with, so memory stays at the blocks in use.
final class BlockBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    private let release: () -> Void

    init(buffer: UnsafeBufferPointer<UInt8>, release: @escaping () -> Void) {
        self.buffer = buffer
        self.release = release
    }

    /// A heap buffer holding `bytes`.
    convenience init(copying bytes: UnsafeRawBufferPointer) {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        if let base = bytes.baseAddress, bytes.count > 0 {
            storage.baseAddress!.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        self.init(buffer: UnsafeBufferPointer(start: storage.baseAddress, count: bytes.count)) { storage.deallocate() }
    }

    static let empty = BlockBytes(buffer: UnsafeBufferPointer(start: nil, count: 0)) {}

    deinit { release() }
}

/// A whole file mapped read-only, or bytes held in memory; blocks are stretches of it.
final class MappedFile: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let size: Int
    /// The bytes are a heap copy, not a mapping: nothing is handed back to the kernel.
    private let isHeap: Bool

    /// Maps the open file `fd`; nil when it is not a regular, non-empty file (a pipe, say).
    init?(fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        self.size = size
        isHeap = false
    }

    /// A heap copy of `bytes`, read as a mapped file is; nil when there are none.
    init?(copying bytes: [UInt8]) {
        guard !bytes.isEmpty else { return nil }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        storage.initialize(from: bytes, count: bytes.count)
        base = UnsafePointer(storage)
        size = bytes.count
        isHeap = true
    }

    deinit {
        if isHeap { UnsafeMutablePointer(mutating: base).deallocate() } else { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The bytes `range` as a block that hands its whole pages back to the kernel when released.
    func block(_ range: Range<Int>) -> BlockBytes {
        let buffer = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        // Map the block's pages in one call (MADV_POPULATE_READ, Linux 5.14) rather than
        // one fault per page; older kernels refuse it and fault as usual.
        guard !isHeap else { return BlockBytes(buffer: buffer) {} }
        let page = MappedFile.pageSize
        let first = range.lowerBound / page * page
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), range.upperBound - first, 22)
        return BlockBytes(buffer: buffer) { [self] in
            // The pages wholly inside the block; the one it may share with a neighbour stays.
            self.forget(range, wholePagesOnly: true)
        }
    }

    /// Hands the pages of `range` back to the kernel (they stay in the page cache; a later
    /// read faults them in again).
    func forget(_ range: Range<Int>, wholePagesOnly: Bool = false) {
        guard !isHeap else { return }
        let page = MappedFile.pageSize
        let first = (wholePagesOnly ? range.lowerBound + page - 1 : range.lowerBound) / page * page
        let last = min(size, (wholePagesOnly ? range.upperBound : range.upperBound + page - 1) / page * page)
        if last > first { _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED) }
    }

    /// Hands back the 64 KiB around `offset`, which reading near it may have mapped.
    func forget(around offset: Int) {
        let window = 64 << 10
        forget(max(0, offset - window)..<min(size, offset + window))
    }
}
