#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte buffer that formatters append to; `flush(to:)` writes it out with write(2).
public struct OutputBuffer {
    @usableFromInline var storage: [UInt8] = []
    public var bytes: [UInt8] { storage }

    public init() { storage.reserveCapacity(1 << 16) }

    @inlinable public mutating func append(_ text: String) { storage.append(contentsOf: text.utf8) }
    @inlinable public mutating func append<S: Sequence>(bytes other: S) where S.Element == UInt8 {
        storage.append(contentsOf: other)
    }
    @inlinable public mutating func append(byte: UInt8) { storage.append(byte) }

    public var count: Int { storage.count }

    private var cachedDate: (seconds: Int64, text: String) = (.min, "")

    /// `TimeText.interpretStyle`, remembered for the last second (records of a batch share it).
    mutating func interpretStyleDate(_ seconds: Int64) -> String {
        if cachedDate.seconds != seconds { cachedDate = (seconds, TimeText.interpretStyle(seconds)) }
        return cachedDate.text
    }
    public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    /// Writes everything to `fd` and empties the buffer.
    public mutating func flush(to fd: Int32) throws {
        var offset = 0
        while offset < storage.count {
            let written = storage.withUnsafeBytes { raw in write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw InputError(path: "<output>", reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        storage.removeAll(keepingCapacity: true)
    }
}
