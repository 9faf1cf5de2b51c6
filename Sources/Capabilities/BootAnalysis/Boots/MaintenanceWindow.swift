#if canImport(Glibc)
import Glibc
#endif

/// A weekly window when reboots are expected: `Sun 02:00-04:00` (local time), `daily 01:00-01:30`,
/// or `Sat-Sun 00:00-06:00`. A window may run past midnight (`Fri 23:00-01:00`).
public struct MaintenanceWindow: Sendable, Equatable, CustomStringConvertible {
    /// Days of the week, 0 = Sunday.
    var days: Set<Int>
    /// Minutes after midnight.
    public var from: Int
    public var to: Int
    public let description: String

    static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: " ")
        guard parts.count == 2 else { return nil }
        var days: Set<Int> = []
        if parts[0] == "daily" || parts[0] == "*" {
            days = Set(0..<7)
        } else {
            for piece in parts[0].split(separator: ",") {
                let ends = piece.split(separator: "-").map { Self.dayNames.firstIndex(of: String($0.prefix(3))) }
                guard !ends.isEmpty, ends.allSatisfy({ $0 != nil }) else { return nil }
                if ends.count == 1 { days.insert(ends[0]!) } else {
                    var day = ends[0]!
                    while true { days.insert(day); if day == ends[1]! { break }; day = (day + 1) % 7 }
                }
            }
        }
        let times = parts[1].split(separator: "-").map(Self.minutes)
        guard times.count == 2, let from = times[0], let to = times[1] else { return nil }
        self.days = days
        self.from = from
        self.to = to
        description = text
    }

    static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60 else { return nil }
        return hours * 60 + minutes
    }

    /// Whether the moment (local time) falls in the window.
    public func contains(_ seconds: Double) -> Bool {
        var time = time_t(seconds)
        var local = tm()
        localtime_r(&time, &local)
        let day = Int(local.tm_wday), minute = Int(local.tm_hour) * 60 + Int(local.tm_min)
        if from <= to { return days.contains(day) && minute >= from && minute < to }
        // Past midnight: the evening part on the day named, the morning part on the next day.
        return (days.contains(day) && minute >= from) || (days.contains((day + 6) % 7) && minute < to)
    }
}
