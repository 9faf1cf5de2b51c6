import HostIO
/// `rules load`: merge rules.d like augenrules, lint the result, write audit.rules
/// atomically (the old one kept as `.prev`), and load it with `auditctl -R`.
/// A locked kernel (`enabled 2`) is refused before anything is touched.
public struct RulesLoader: Sendable {
    public var control: any AuditControl
    public var merger: RulesMerger
    public var parser: RuleParser
    public var linter: RuleLinter

    public init(control: any AuditControl, merger: RulesMerger, parser: RuleParser, linter: RuleLinter) {
        self.control = control
        self.merger = merger
        self.parser = parser
        self.linter = linter
    }

    /// What `load` did.
    public struct Outcome: Sendable {
        /// False when audit.rules already held the merged rules.
        public var wrote: Bool
        /// The copy of the previous audit.rules, when there was one and it changed.
        public var previous: String?
        public var lint: LintReport
    }

    public func load(_ directory: RulesDirectory, into destination: String,
                     files: any HostFiles = LocalHostFiles()) throws(RulesError) -> Outcome {
        let status: AuditStatus
        do { status = try control.status() } catch {
            throw error as? RulesError ?? .auditctl(String(describing: error))
        }
        guard !status.isImmutable else { throw .immutable }
        guard !directory.files.isEmpty else { throw .emptyRulesDirectory(directory.path) }
        let report = linter.lint(directory.parsed(with: parser))
        guard report.errorCount == 0 else { throw .lintErrors(report.errorCount) }
        let merged = merger.merge(directory.files, sourceDirectory: directory.path)
        let existing = files.read(destination)
        var outcome = Outcome(wrote: false, previous: nil, lint: report)
        if existing != merged {
            if let existing {
                try RulesError.writing { () throws(HostError) in try AtomicFile.write(existing, to: destination + ".prev") }
                outcome.previous = destination + ".prev"
            }
            try RulesError.writing { () throws(HostError) in try AtomicFile.write(merged, to: destination) }
            outcome.wrote = true
        }
        do { try control.load(rulesFile: destination) } catch {
            throw error as? RulesError ?? .auditctl(String(describing: error))
        }
        return outcome
    }
}
