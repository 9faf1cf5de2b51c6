#if canImport(Glibc)
import Glibc
#endif
import AuditLog

/// Progress of a long scan on stderr: bytes read of the total, rate, time left. Shown only
/// when stderr is a terminal, not with `--quiet`, and only once a scan has run a second.
/// Safe to share: a report's output may be written from the scan's worker threads.
public final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLockLite()
    private let total: Int
    private let started = ProgressMeter.now()
    private var lastDrawn = 0.0
    private var drawn = false

    /// A meter for reading `files`, or nil when nothing should be shown.
    public static func forFiles(_ files: [String], quiet: Bool) -> ProgressMeter? {
        guard !quiet, isatty(2) == 1 else { return nil }
        var total = 0
        for file in files where file != "-" {
            var info = stat()
            if stat(file, &info) == 0 { total += Int(info.st_size) }
        }
        return total > 0 ? ProgressMeter(total: total) : nil
    }

    private init(total: Int) { self.total = total }

    package func update(_ bytesRead: Int) {
        lock.withLock { draw(bytesRead) }
    }

    private func draw(_ bytesRead: Int) {
        let now = Self.now()
        let elapsed = now - started
        guard elapsed >= 1, now - lastDrawn >= 0.25 else { return }
        lastDrawn = now
        let rate = Double(bytesRead) / elapsed
        let left = rate > 0 ? Double(max(0, total - bytesRead)) / rate : 0
        let percent = total > 0 ? min(100, bytesRead * 100 / total) : 0
        let line = "\r\u{1B}[K\(Self.size(bytesRead)) of \(Self.size(total)) (\(percent)%), \(Self.size(Int(rate)))/s, \(Int(left.rounded())) s left"
        StandardError.writeRaw(line)
        drawn = true
    }

    /// `update` as a scan's progress callback.
    public var callback: (Int) -> Void { { [self] in update($0) } }

    /// Clears the line the meter drew.
    public func finish() {
        lock.withLock { clear() }
    }

    /// Clears the line and runs `body` (which writes output) before the meter may draw again.
    public func clearing<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withLock {
            clear()
            return try body()
        }
    }

    private func clear() {
        if drawn { StandardError.writeRaw("\r\u{1B}[K") }
        drawn = false
    }

    static func size(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(Int(value * 10) / 10) + "." + String(Int(value * 10) % 10) + " " + units[unit]
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
