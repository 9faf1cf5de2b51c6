/// The kernel's audit status as `auditctl -s` prints it (`enabled 1`, `lost 0`, …).
public struct AuditStatus: Sendable, Equatable {
    package var values: [String: String]

    public init(values: [String: String]) { self.values = values }

    /// Parses `auditctl -s` output: one `name value` pair per line.
    public init(parsing text: String) {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" }) {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[String(parts[0])] = String(parts[1])
        }
        self.values = values
    }

    public func number(_ name: String) -> Int? { values[name].flatMap { Int($0.split(separator: " ").first ?? "") } }

    /// 0 disabled, 1 enabled, 2 enabled and locked until reboot.
    package var enabled: Int? { number("enabled") }
    package var isImmutable: Bool { enabled == 2 }
}
