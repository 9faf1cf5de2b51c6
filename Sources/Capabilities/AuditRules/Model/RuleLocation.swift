/// Where a rule was written: a file and a 1-based line number.
public struct RuleLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`, or the file alone for a problem of the whole file (line 0).
    public var description: String { line > 0 ? "\(file):\(line)" : file }

    public static func < (a: RuleLocation, b: RuleLocation) -> Bool {
        (a.file, a.line) < (b.file, b.line)
    }
}
