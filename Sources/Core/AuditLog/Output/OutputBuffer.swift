#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte buffer that formatters append to; HostIO's `flush(to:)` writes it out with write(2).
///
/// Non-copyable and backed by one allocation, so an append is a capacity check and a copy:
/// no reference counting or uniqueness check per append on the output hot path.
public struct OutputBuffer: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used = 0
    @usableFromInline var capacity: Int

    public init() {
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes appended so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: used)) }
    public var count: Int { used }

    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if used + extra > capacity { grow(to: used + extra) }
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: used)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inlinable public mutating func append(bytes run: UnsafeBufferPointer<UInt8>) {
        guard let source = run.baseAddress else { return }
        let count = run.count
        reserve(count)
        if count <= 16 {   // most names and values: cheaper than a call to memmove
            for k in 0..<count { base[used + k] = source[k] }
        } else {
            (base + used).update(from: source, count: count)
        }
        used += count
    }

    @inlinable public mutating func append<S: Sequence>(bytes other: S) where S.Element == UInt8 {
        if let done: Void = other.withContiguousStorageIfAvailable({ append(bytes: $0) }) { return done }
        for byte in other { append(byte: byte) }
    }

    @inlinable public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    @inlinable @inline(__always) public mutating func append(byte: UInt8) {
        reserve(1)
        base[used] = byte
        used += 1
    }

    /// Appends a number in decimal without making a string.
    package mutating func append(decimal value: UInt64) {
        reserve(20)
        var digits = 1
        var rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        rest = value
        for k in stride(from: used + digits - 1, through: used, by: -1) {
            base[k] = UInt8(48 + rest % 10)
            rest /= 10
        }
        used += digits
    }

    /// Drops the last byte (a formatter's separator that turned out to end the line).
    package mutating func removeLast() {
        precondition(used > 0, "removeLast on an empty OutputBuffer")
        used -= 1
    }

    private var cachedDate: (seconds: Int64, text: String) = (.min, "")

    /// `TimeText.interpretStyle`, remembered for the last second (records of a batch share it).
    mutating func interpretStyleDate(_ seconds: Int64) -> String {
        if cachedDate.seconds != seconds { cachedDate = (seconds, TimeText.interpretStyle(seconds)) }
        return cachedDate.text
    }

    package mutating func removeAll() { used = 0 }

    /// The bytes written so far, without copying them.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: used))
    }
}
