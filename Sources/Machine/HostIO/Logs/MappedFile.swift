#if canImport(Glibc)
import Glibc
#endif
import AuditLog

/// A whole file mapped read-only; blocks are stretches of it.
final class MappedFile: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let size: Int

    /// Maps the open file `fd`; nil when it is not a regular, non-empty file (a pipe, say).
    init?(fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        self.size = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The bytes `range` as a block that hands its whole pages back to the kernel when released.
    func block(_ range: Range<Int>) -> BlockBytes {
        let buffer = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        // Map the block's pages in one call (MADV_POPULATE_READ, Linux 5.14) rather than
        // one fault per page; older kernels refuse it and fault as usual.
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
        let page = MappedFile.pageSize
        let first = (wholePagesOnly ? range.lowerBound + page - 1 : range.lowerBound) / page * page
        let last = min(size, (wholePagesOnly ? range.upperBound : range.upperBound + page - 1) / page * page)
        if last > first { _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED) }
    }

    /// Hands back what reading the 64 KiB around `offset` may have mapped: the page cache
    /// holds a file in folios of up to 2 MiB, and a fault maps the whole folio, so the 2 MiB
    /// stretches around it go (the plan's 64 KiB alone left 130 MiB mapped on a 1 GiB log).
    func forget(around offset: Int) {
        let window = 64 << 10, folio = 2 << 20
        let first = max(0, offset - window) / folio * folio
        let last = (offset + window + folio - 1) / folio * folio
        forget(first..<min(size, last))
    }
}
