import HostIO
/// The rules files of a directory as augenrules reads them, parsed.
public struct RulesDirectory: Sendable {
    public var path: String
    /// `*.rules` files in `ls -v` order, with their bytes.
    public var files: [(name: String, bytes: [UInt8])]

    /// Reads the directory; a missing directory or an unreadable file is an error naming it.
    public init(path: String, files host: any HostFiles = LocalHostFiles()) throws(RulesError) {
        self.path = path
        guard host.isDirectory(path) else {
            if let problem = host.accessProblem(path) { throw RulesError.io(path: path, reason: problem.explanation) }
            throw RulesError.noRulesDirectory(path)
        }
        var files: [(name: String, bytes: [UInt8])] = []
        for name in RulesMerger.ruleFileNames(host.list(path)) {
            let full = path + "/" + name
            if host.isDirectory(full) { continue }   // augenrules' cat skips it with an error of its own
            switch host.load(full) {
            case .success(let bytes): files.append((name, bytes))
            case .failure(let problem): throw RulesError.io(path: full, reason: problem.explanation)
            }
        }
        self.files = files
    }

    /// Each file parsed on its own (for lint, with its own line numbers).
    public func parsed(with parser: RuleParser) -> [RuleFile] {
        files.map { RuleFile(path: path + "/" + $0.name, bytes: $0.bytes, parser: parser) }
    }

    /// The rules as augenrules would load them: every file parsed with its own line numbers,
    /// then put in the merged order (`-D` first, `-e` last, earlier `-D`/`-b`/`-f`/`-e` dropped).
    /// `rules diff`, `check` and `load` all compare this, so they agree with `rules merge`.
    public func inLoadOrder(parser: RuleParser, merger: RulesMerger) -> [RuleLine] {
        let parsed = parsed(with: parser)
        var byLine: [RuleLocation: [RuleLine]] = [:]
        for file in parsed { for line in file.lines { byLine[line.location, default: []].append(line) } }
        return merger.mergedLines(files).flatMap { merged in
            byLine[RuleLocation(file: path + "/" + files[merged.file].name, line: merged.line)] ?? []
        }
    }
}
