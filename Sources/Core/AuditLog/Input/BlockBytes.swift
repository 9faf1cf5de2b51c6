#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one block of lines, alive as long as this object is: a heap buffer (read
/// from a pipe), a stretch of a mapped file (handed back to the kernel when the block is
/// done with, so memory stays at the blocks in use), or bytes a `MemoryLogSource` holds.
public final class BlockBytes: @unchecked Sendable {
    package let buffer: UnsafeBufferPointer<UInt8>
    private let release: () -> Void

    /// `release` runs when the block is done with (hand the pages back, free the buffer).
    public init(buffer: UnsafeBufferPointer<UInt8>, release: @escaping () -> Void) {
        self.buffer = buffer
        self.release = release
    }

    /// A heap buffer holding `bytes`.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        if let base = bytes.baseAddress, bytes.count > 0 {
            storage.baseAddress!.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        self.init(buffer: UnsafeBufferPointer(start: storage.baseAddress, count: bytes.count)) { storage.deallocate() }
    }

    static let empty = BlockBytes(buffer: UnsafeBufferPointer(start: nil, count: 0)) {}

    deinit { release() }
}
