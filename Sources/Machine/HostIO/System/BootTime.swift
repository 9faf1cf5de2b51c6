#if canImport(Glibc)
import Glibc
#endif

/// When this machine booted, from /proc/uptime: for `-ts boot`.
package enum BootTime {
    /// Seconds since the epoch; nil when /proc/uptime cannot be read.
    public static func read() -> Int64? {
        guard let file = fopen("/proc/uptime", "r") else { return nil }
        defer { fclose(file) }
        var uptime = 0.0
        guard withUnsafeMutablePointer(to: &uptime, { vfscanf_wrapper(file, $0) }) else { return nil }
        return Int64(Glibc.time(nil)) - Int64(uptime)
    }

    private static func vfscanf_wrapper(_ file: UnsafeMutablePointer<FILE>, _ out: UnsafeMutablePointer<Double>) -> Bool {
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, 128, file) != nil else { return false }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let first = text.split(separator: " ").first, let value = Double(first) else { return false }
        out.pointee = value
        return true
    }
}
