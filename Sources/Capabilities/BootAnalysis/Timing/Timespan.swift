/// systemd's time spans as `systemd-analyze` prints them: `345ms`, `2.084s`,
/// `1min 2.345s`, `2h 3min 4.500s`, `12us` (or `12µs`), up to years.
package enum Timespan {
    private static let units: [(String, Double)] = [
        ("y", 31_557_600), ("month", 2_629_800), ("w", 604_800), ("d", 86_400), ("h", 3_600),
        ("min", 60), ("ms", 0.001), ("us", 0.000_001), ("µs", 0.000_001), ("μs", 0.000_001), ("s", 1),
    ]

    /// The longest span read as a boot timing: a year. Anything longer is damage (a unit
    /// that took `99999999999999999999min`), reported as an unreadable line.
    package static let longest: Double = 31_557_600

    /// Seconds, or nil when the text is not a time span of at most `longest`.
    public static func seconds(_ text: some StringProtocol) -> Double? {
        let parts = String(text).split(separator: " ")
        guard !parts.isEmpty else { return nil }
        var total = 0.0
        for part in parts {
            guard let value = component(part) else { return nil }
            total += value
        }
        return total.isFinite && total <= longest ? total : nil
    }

    private static func component(_ part: Substring) -> Double? {
        let number = part.prefix { $0.isNumber || $0 == "." }
        let unit = part.dropFirst(number.count)
        guard let value = Double(number), !unit.isEmpty else { return nil }
        // "min" and "ms" before "m…"/"s": match the whole suffix.
        guard let factor = units.first(where: { $0.0 == unit })?.1 else { return nil }
        return value * factor
    }

    /// `1min 2.345s`-style text for people, from seconds.
    public static func text(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "?" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 { return String(format3(seconds)) + "s" }
        let minutes = Int(seconds / 60)
        return "\(minutes)min " + format3(seconds - Double(minutes) * 60) + "s"
    }

    static func format3(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
