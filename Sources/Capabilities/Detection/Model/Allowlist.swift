import Foundation
import Yams

/// Alerts people have decided to accept, for a while: each entry names a detection (or `*`)
/// and what the alert must show (container image or name, exe, user, key; `*` wildcards),
/// and the day it stops applying. A suppressed alert is counted, not forgotten.
///
/// ```yaml
/// - detection: container-terminal-shell
///   image: debug-tools*
///   user: alice
///   until: 2027-01-31
///   reason: debugging sessions on staging
/// ```
public struct Allowlist: Sendable {
    public struct Entry: Sendable {
        public var detection: String
        public var image: String?
        public var container: String?
        public var exe: String?
        public var user: String?
        public var key: String?
        /// The entry applies through this day (UTC), then it is ignored.
        public var until: Date
        public var reason: String?
        /// Its position in the file, 1-based, for messages.
        public var number: Int
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Reads the YAML list; throws naming the entry that is wrong.
    public init(yaml: String) throws {
        let document: Any?
        do { document = try Yams.load(yaml: yaml) } catch { throw AllowlistError("not YAML: \(error)") }
        guard let list = document as? [Any] else {
            if document == nil { return }
            throw AllowlistError("the allowlist must be a list of entries")
        }
        for (index, item) in list.enumerated() {
            let number = index + 1
            guard let map = item as? [String: Any] else { throw AllowlistError("entry \(number) is not a mapping") }
            let known: Set<String> = ["detection", "image", "container", "exe", "user", "key", "until", "reason"]
            if let unknown = map.keys.first(where: { !known.contains($0) }) { throw AllowlistError("entry \(number): unknown field '\(unknown)'") }
            guard let detection = map["detection"] as? String else { throw AllowlistError("entry \(number) needs a detection (an id, or *)") }
            guard let until = Self.day(map["until"]) else { throw AllowlistError("entry \(number) needs until: YYYY-MM-DD (an expiry date)") }
            let text = { (name: String) in map[name].map { "\($0)" } }
            let entry = Entry(detection: detection, image: text("image"), container: text("container"), exe: text("exe"),
                              user: text("user"), key: text("key"), until: until, reason: text("reason"), number: number)
            guard entry.image != nil || entry.container != nil || entry.exe != nil || entry.user != nil || entry.key != nil
                    || detection != "*" else { throw AllowlistError("entry \(number) would allow every alert") }
            entries.append(entry)
        }
    }

    /// The entries that have expired by `now`: said once, then ignored.
    public func expired(at now: Date) -> [Entry] { entries.filter { $0.until.addingTimeInterval(86_400) <= now } }

    /// The entry that accepts `alert`, if any (expired entries accept nothing).
    public func entry(accepting alert: Alert, key: String?, user: String?, at now: Date) -> Entry? {
        entries.first { entry in
            guard entry.until.addingTimeInterval(86_400) > now else { return false }
            func fits(_ pattern: String?, _ value: String?) -> Bool {
                guard let pattern else { return true }
                guard let value else { return false }
                return SigmaValue.pattern(pattern).matches(value)
            }
            return (entry.detection == "*" || entry.detection == alert.detection.id)
                && fits(entry.image, alert.container?.image) && fits(entry.container, alert.container?.name)
                && fits(entry.exe, alert.exe) && fits(entry.user, user) && fits(entry.key, key)
        }
    }

    private static func day(_ value: Any?) -> Date? {
        if let date = value as? Date { return date }
        guard let text = value.map({ "\($0)" }) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }
}

/// An allowlist that cannot be read, with the entry at fault.
public struct AllowlistError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
