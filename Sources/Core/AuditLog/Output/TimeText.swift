#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Time stamps written the ways ausearch and JSON consumers expect.
public enum TimeText {
    /// `Fri Nov 27 11:19:58 2026`, local time: the `time->` line of ausearch's default format.
    static func ctimeStyle(_ seconds: Int64) -> String { format(seconds, "%a %b %e %T %Y", utc: false) }

    /// `11/27/26 11:19:58`, local time: the date in `ausearch -i` records (`%x %T` in the C locale).
    package static func interpretStyle(_ seconds: Int64) -> String { format(seconds, "%x %T", utc: false) }

    /// `11/27/26 11:19:58.031`, local time: aureport's time range lines.
    package static func interpretStyle(_ seconds: Int64, milliseconds: Int32) -> String {
        let ms = String(milliseconds)
        return interpretStyle(seconds) + "." + String(repeating: "0", count: 3 - ms.count) + ms
    }

    /// `2026-11-27T11:19:58.031Z`: RFC 3339 in UTC, for JSON.
    package static func rfc3339(_ seconds: Int64, milliseconds: Int32) -> String {
        let ms = String(milliseconds)
        return format(seconds, "%Y-%m-%dT%H:%M:%S", utc: true) + "." + String(repeating: "0", count: 3 - ms.count) + ms + "Z"
    }

    static func format(_ seconds: Int64, _ pattern: String, utc: Bool) -> String {
        var t = time_t(seconds)
        var parts = tm()
        if utc { gmtime_r(&t, &parts) } else { localtime_r(&t, &parts) }
        var buffer = [CChar](repeating: 0, count: 64)
        let n = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
