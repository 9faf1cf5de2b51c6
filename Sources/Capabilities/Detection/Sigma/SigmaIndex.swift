import AuditLog

/// The Sigma rules by the record types they can match, worked out once, so that each
/// record is looked at only by the rules that could match it.
public final class SigmaIndex: Sendable {
    public let rules: [SigmaRule]
    private let byType: [Int: [Int]]
    private let anyType: [Int]

    public init(_ rules: [SigmaRule]) {
        self.rules = rules
        anyType = rules.indices.filter { rules[$0].recordTypes == nil }
        var byType: [Int: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            for name in rule.recordTypes ?? [] {
                guard let number = MessageType(name: name)?.number else { continue }
                byType[number, default: anyType].append(index)
            }
        }
        self.byType = byType.mapValues { $0.sorted() }
    }

    /// The rules (by index) a record of type `number` may match.
    func candidates(forType number: Int) -> [Int] { byType[number] ?? anyType }
}
