/// A line that was skipped, with where it was.
public struct SkippedLine: Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var problem: LineProblem
    public var description: String { "\(file):\(line): skipped: \(problem.rawValue)" }
}

/// Counts skipped lines and keeps the first few for the warning on stderr.
public struct Diagnostics: Sendable {
    static let keptExamples = 5
    public private(set) var skippedCount = 0
    public private(set) var examples: [SkippedLine] = []

    public init() {}

    public mutating func skip(file: String, line: Int, problem: LineProblem) {
        skippedCount += 1
        if examples.count < Diagnostics.keptExamples {
            examples.append(SkippedLine(file: file, line: line, problem: problem))
        }
    }

    public mutating func merge(_ other: Diagnostics) {
        skippedCount += other.skippedCount
        examples += other.examples.prefix(max(0, Diagnostics.keptExamples - examples.count))
    }

    /// The warning text: the first few lines, then a count of the rest.
    public var summary: String? {
        guard skippedCount > 0 else { return nil }
        var text = examples.map { "warning: \(Escaping.terminal($0.description))" }.joined(separator: "\n")
        if skippedCount > examples.count {
            text += "\nwarning: \(skippedCount - examples.count) more malformed lines skipped (\(skippedCount) in all)"
        }
        return text
    }
}
