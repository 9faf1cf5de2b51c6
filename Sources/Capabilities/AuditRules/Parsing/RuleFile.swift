/// One rules file, parsed: its statements with their lines, and every line that auditctl
/// would refuse or misread.
public struct RuleFile: Sendable {
    public var path: String
    public var lines: [RuleLine]
    package var problems: [RuleProblem]
    /// False when the last line has no newline: augenrules' `cat` glues it to the next file.
    package var endsWithNewline: Bool
    /// The number of lines in the file.
    package var lineCount: Int

    /// auditctl reads lines with a 6144-byte buffer; a longer line is cut in two.
    static let maximumLineLength = 6143

    /// Stands for a rules directory without a single `*.rules` file.
    public init(empty directory: String) {
        path = directory
        lines = []
        problems = [RuleProblem(code: "bad-file", message: "no *.rules file in this directory: augenrules would load no rules",
                                location: RuleLocation(file: directory, line: 0))]
        endsWithNewline = true
        lineCount = 0
    }

    /// Parses a file's bytes. Never throws: every problem is reported with its line.
    public init(path: String, bytes: [UInt8], parser: RuleParser = RuleParser()) {
        self.path = path
        lines = []
        problems = []
        endsWithNewline = bytes.isEmpty || bytes.last == 0x0A
        var rawLines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A { rawLines.removeLast() }
        lineCount = rawLines.count
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].filter { $0 == 0x0A }.count + 1
            problems.append(RuleProblem(code: "bad-file", message: "binary data (a NUL byte): not a rules file",
                                        location: RuleLocation(file: path, line: line)))
            return
        }
        for (index, raw) in rawLines.enumerated() {
            let location = RuleLocation(file: path, line: index + 1)
            var content = raw
            if content.last == 0x0D {
                problems.append(RuleProblem(code: "bad-file",
                    message: "CRLF line ending: auditctl reads the carriage return as part of the last word",
                    location: location))
                content = content.dropLast()
            }
            guard let text = String(validating: content, as: UTF8.self) else {
                problems.append(RuleProblem(code: "bad-file", message: "not valid UTF-8 text", location: location))
                continue
            }
            if content.count > Self.maximumLineLength {
                problems.append(RuleProblem(code: "syntax",
                    message: "line of \(content.count) bytes: auditctl reads at most \(Self.maximumLineLength) and splits the rest",
                    location: location))
                continue
            }
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let words = RuleTokenizer.words(text[...])
            if words.first?.hasPrefix("#") ?? true { continue }
            do {
                for statement in try parser.parse(words, at: location) {
                    lines.append(RuleLine(statement: statement, location: location, text: text))
                }
            } catch {
                problems.append(error)
            }
        }
    }
}
