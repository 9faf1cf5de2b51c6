/// Where a rule was written: a file and a 1-based line number.
public struct RuleLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }

    public static func < (a: RuleLocation, b: RuleLocation) -> Bool {
        (a.file, a.line) < (b.file, b.line)
    }
}
