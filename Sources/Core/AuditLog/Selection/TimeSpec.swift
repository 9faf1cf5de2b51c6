#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A time given to `-ts`/`-te`: ausearch's keywords and date forms, or ISO 8601.
package struct TimeSpecError: UserFacingError {
    public var text: String
    public var description: String {
        "cannot read the time \"\(text)\": use a keyword (now, recent, this-hour, boot, today, yesterday, "
            + "this-week, week-ago, this-month, this-year), MM/DD/YY[YY] [HH:MM[:SS]], HH:MM[:SS], or ISO 8601"
    }
}

package enum TimeSpec {
    /// Resolves the words of one `-ts`/`-te` option to seconds since the epoch, in local time.
    ///
    /// - Parameters:
    ///   - words: one or two words: `today`, `11/27/2026 10:00:00`, `10:00`, `2026-11-27T10:00:00Z`.
    ///   - isEnd: a date without a time means its start for `-ts`, and also its start for `-te`
    ///     (as ausearch); a keyword like `today` for `-te` means now (as ausearch).
    ///   - now: the current time (a parameter so tests are repeatable).
    ///   - bootTime: when the machine booted, for the `boot` keyword.
    public static func resolve(_ words: [String], isEnd: Bool, now: Int64, bootTime: Int64? = nil) throws -> Int64 {
        guard let first = words.first else { throw TimeSpecError(text: "") }
        let joined = words.joined(separator: " ")
        if words.count == 1, let keyword = try keyword(first, isEnd: isEnd, now: now, bootTime: bootTime) {
            return keyword
        }
        if words.count == 1, let iso = iso8601(first) { return iso }
        var parts = localParts(now)
        var timeWord: String?
        if first.contains("/") {
            let fields = first.split(separator: "/").map { Int($0) }
            guard fields.count == 3, let month = fields[0], let day = fields[1], var year = fields[2]
            else { throw TimeSpecError(text: joined) }
            if year < 100 { year += 2000 }
            guard isDate(year: year, month: month, day: day) else { throw TimeSpecError(text: joined) }
            parts.tm_year = Int32(year - 1900)
            parts.tm_mon = Int32(month - 1)
            parts.tm_mday = Int32(day)
            parts.tm_hour = 0; parts.tm_min = 0; parts.tm_sec = 0
            timeWord = words.count > 1 ? words[1] : nil
            guard words.count <= 2 else { throw TimeSpecError(text: joined) }
        } else {
            guard words.count == 1 else { throw TimeSpecError(text: joined) }
            timeWord = first
        }
        if let timeWord {
            let fields = timeWord.split(separator: ":").map { Int($0) }
            guard (2...3).contains(fields.count), let h = fields[0], let m = fields[1],
                  (0...23).contains(h), (0...59).contains(m) else { throw TimeSpecError(text: joined) }
            let s = fields.count == 3 ? fields[2] : 0
            guard let s, (0...60).contains(s) else { throw TimeSpecError(text: joined) }
            parts.tm_hour = Int32(h); parts.tm_min = Int32(m); parts.tm_sec = Int32(s)
        }
        parts.tm_isdst = -1
        return Int64(mktime(&parts))
    }

    static func keyword(_ word: String, isEnd: Bool, now: Int64, bootTime: Int64?) throws -> Int64? {
        var parts = localParts(now)
        func midnight(_ p: inout tm) -> Int64 {
            p.tm_hour = 0; p.tm_min = 0; p.tm_sec = 0; p.tm_isdst = -1
            return Int64(mktime(&p))
        }
        switch word {
        case "now": return now
        case "recent": return now - 600
        case "this-hour":
            parts.tm_min = 0; parts.tm_sec = 0; parts.tm_isdst = -1
            return Int64(mktime(&parts))
        case "boot":
            guard let bootTime else { throw TimeSpecError(text: word) }
            return bootTime
        case "today": return isEnd ? now : midnight(&parts)
        case "yesterday":
            parts.tm_mday -= 1
            return midnight(&parts)
        case "this-week":
            parts.tm_mday -= parts.tm_wday
            return midnight(&parts)
        case "week-ago":
            parts.tm_mday -= 7
            return midnight(&parts)
        case "this-month":
            parts.tm_mday = 1
            return midnight(&parts)
        case "this-year":
            parts.tm_mday = 1; parts.tm_mon = 0
            return midnight(&parts)
        default: return nil
        }
    }

    /// `2026-11-27T10:00:00Z`, `…+02:00`, `…` without zone (local), or a date alone.
    static func iso8601(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? { r.upperBound <= bytes.count ? Int(String(decoding: bytes[r], as: UTF8.self)) : nil }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), isDate(year: y, month: mo, day: d)
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(y - 1900); parts.tm_mon = Int32(mo - 1); parts.tm_mday = Int32(d)
        var rest = bytes[10...]
        if let t = rest.first, t == UInt8(ascii: "T") || t == UInt8(ascii: " ") {
            let start = rest.startIndex + 1
            guard start + 2 < bytes.count, bytes[start + 2] == UInt8(ascii: ":"),
                  let h = num(start..<start + 2), let mi = num(start + 3..<start + 5),
                  (0...23).contains(h), (0...59).contains(mi) else { return nil }
            parts.tm_hour = Int32(h); parts.tm_min = Int32(mi)
            var i = start + 5
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                guard let s = num(i + 1..<i + 3), (0...60).contains(s) else { return nil }
                parts.tm_sec = Int32(s); i += 3
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            }
            rest = bytes[i...]
        }
        if rest.isEmpty {
            parts.tm_isdst = -1
            return Int64(mktime(&parts))
        }
        var offset = 0
        if rest.first == UInt8(ascii: "Z"), rest.count == 1 {
            offset = 0
        } else if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), rest.count == 6 {
            let s = rest.startIndex
            guard rest[s + 3] == UInt8(ascii: ":"), let oh = num(s + 1..<s + 3), let om = num(s + 4..<s + 6),
                  (0...23).contains(oh), (0...59).contains(om) else { return nil }
            offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return nil
        }
        return Int64(timegm(&parts)) - Int64(offset)
    }

    /// True for a day that exists: month 1–12, day within that month (leap years included).
    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    static func localParts(_ seconds: Int64) -> tm {
        var t = time_t(seconds)
        var parts = tm()
        localtime_r(&t, &parts)
        return parts
    }
}
