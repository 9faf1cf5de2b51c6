/// The outputs of `systemd-analyze` (time), `systemd-analyze blame` and
/// `systemd-analyze critical-chain`, parsed from their text.
public struct BootTiming: Sendable, Equatable {
    /// A boot phase and its length, in the order printed: firmware, loader, kernel, initrd, userspace.
    package struct Part: Sendable, Equatable {
        public var name: String
        public var seconds: Double
    }

    /// A unit of `blame`: how long it took to start.
    public struct UnitTime: Sendable, Equatable {
        public var unit: String
        public var seconds: Double
    }

    /// A unit of the critical chain: when it became active (`@`) and how long it took (`+`).
    public struct ChainLink: Sendable, Equatable {
        public var unit: String
        package var activeAt: Double?
        package var took: Double?
        /// Nesting depth in the printed tree (0 for the target at the top).
        package var depth: Int
    }

    package var parts: [Part] = []
    package var total: Double?
    /// `graphical.target reached after 5.913s in userspace`.
    public var target: String?
    package var targetReachedAfter: Double?
    /// The default target was never reached (`… was never reached`).
    package var targetNeverReached = false
    /// `Bootup is not yet finished`.
    package var notFinished = false
    public var blame: [UnitTime] = []
    public var chain: [ChainLink] = []
    /// Lines that could not be read, with their number, per input.
    package var unreadable: [String] = []

    public init() {}

    public var userspace: Double? { parts.first { $0.name == "userspace" }?.seconds }

    /// Parses `systemd-analyze` (time) output.
    public mutating func readTime(_ text: String, source: String = "time") {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty || trimmed.hasPrefix("Please try again") || trimmed.hasPrefix("Hint:") { continue }
            if trimmed.hasPrefix("Bootup is not yet finished") { notFinished = true; continue }
            if trimmed.hasPrefix("Startup finished in ") {
                readStartup(String(trimmed.dropFirst("Startup finished in ".count)), line: index + 1, source: source)
            } else if let range = trimmed.firstRange(of: " reached after ") {
                target = String(trimmed[..<range.lowerBound])
                let rest = String(trimmed[range.upperBound...]).replacing(" in userspace", with: "")
                targetReachedAfter = Timespan.seconds(rest.trimmingCharacters(in: "."))
            } else if trimmed.hasSuffix(" was never reached") || trimmed.hasSuffix(" was never reached.") {
                target = String(trimmed.prefix { $0 != " " })
                targetNeverReached = true
            } else {
                unreadable.append("\(source):\(index + 1): \(trimmed.prefix(120))")
            }
        }
    }

    /// `1.026s (kernel) + 5.925s (userspace) = 6.952s`.
    private mutating func readStartup(_ text: String, line: Int, source: String) {
        let sides = text.split(separator: "=", maxSplits: 1)
        for part in sides[0].split(separator: "+") {
            let piece = part.trimmingCharacters(in: " ")
            guard let open = piece.lastIndex(of: "("), piece.hasSuffix(")"),
                  let seconds = Timespan.seconds(piece[..<open].trimmingCharacters(in: " ")) else {
                unreadable.append("\(source):\(line): \(piece.prefix(120))")
                continue
            }
            parts.append(Part(name: String(piece[piece.index(after: open)..<piece.index(before: piece.endIndex)]), seconds: seconds))
        }
        if sides.count == 2 { total = Timespan.seconds(sides[1].trimmingCharacters(in: " .")) }
    }

    /// Parses `systemd-analyze blame`: `2.084s fail2ban.service`, slowest first.
    public mutating func readBlame(_ text: String, source: String = "blame") {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty { continue }
            // The unit is the last word; the time span is everything before it.
            guard let space = trimmed.lastIndex(of: " "),
                  let seconds = Timespan.seconds(trimmed[..<space].trimmingCharacters(in: " ")) else {
                unreadable.append("\(source):\(index + 1): \(trimmed.prefix(120))")
                continue
            }
            blame.append(UnitTime(unit: String(trimmed[trimmed.index(after: space)...]), seconds: seconds))
        }
        blame.sort { $0.seconds > $1.seconds }
    }

    /// Parses `systemd-analyze critical-chain`: `└─docker.service @3.412s +2.499s`, in either tree style.
    package mutating func readCriticalChain(_ text: String, source: String = "critical-chain") {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("The time ") || line.trimmingCharacters(in: " \t\r").isEmpty { continue }
            let body = line.drop { " │|`└─-\t".contains($0) }
            let depth = (line.count - body.count) / 2
            let words = body.split(separator: " ")
            guard let unit = words.first, unit.contains(".") else {
                unreadable.append("\(source):\(index + 1): \(line.prefix(120))")
                continue
            }
            var link = ChainLink(unit: String(unit), activeAt: nil, took: nil, depth: depth)
            var pending: [Substring] = []
            var marker: Character?
            func flush() {
                guard let marker, let value = Timespan.seconds(pending.joined(separator: " ")) else { return }
                if marker == "@" { link.activeAt = value } else { link.took = value }
            }
            for word in words.dropFirst() {
                if word.hasPrefix("@") || word.hasPrefix("+") {
                    flush()
                    marker = word.first
                    pending = [word.dropFirst()]
                } else {
                    pending.append(word)
                }
            }
            flush()
            chain.append(link)
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var text = self[...]
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
