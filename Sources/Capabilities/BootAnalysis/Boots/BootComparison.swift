/// Two boots side by side: units that are new, gone, or much slower to start — where a
/// boot-level implant shows up.
public struct BootComparison: Sendable {
    package struct Slower: Sendable, Equatable {
        public var unit: String
        /// Seconds from the boot's first record to the unit's start, in each boot.
        package var before: Double
        public var after: Double
    }

    public var first: Int
    package var second: Int
    package var newUnits: [String]
    package var goneUnits: [String]
    package var slower: [Slower]

    /// A unit is much slower when it starts at least a second and half again later.
    public init(_ a: Boot, _ b: Boot) {
        first = a.number
        second = b.number
        func starts(_ boot: Boot) -> [String: Double] {
            var result: [String: Double] = [:]
            for service in boot.services where service.started && result[service.unit] == nil {
                result[service.unit] = service.time - boot.start
            }
            return result
        }
        let x = starts(a), y = starts(b)
        newUnits = y.keys.filter { x[$0] == nil }.sorted()
        goneUnits = x.keys.filter { y[$0] == nil }.sorted()
        slower = y.compactMap { unit, after in
            guard let before = x[unit], after - before >= 1, after >= before * 1.5 else { return nil }
            return Slower(unit: unit, before: before, after: after)
        }.sorted { $0.after - $0.before > $1.after - $1.before }
    }
}
