/// How a check came out.
public enum CheckStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pass, fail, warn
    /// Not applicable on this host (the target does not exist).
    case na
    /// Could not be decided; the evidence says why.
    case skip
    case info
}

/// The part of the posture a check belongs to, for grouping in text output.
public enum CheckCategory: String, Sendable, Hashable, CaseIterable {
    case daemon = "Audit daemon and kernel"
    case boot = "Boot"
    case rules = "Rules"
    case cis = "CIS Docker Benchmark 1.6.0, section 1.1"
    case permissions = "Permissions"
    case configuration = "auditd.conf"
}

/// One check's verdict, with what it saw and what to change.
public struct CheckResult: Sendable, Hashable {
    /// The stable id (`audit-enabled`, `cis-1.1.5`, …).
    public var id: String
    /// The CIS Docker Benchmark item, where one exists (`1.1.5`).
    public var cis: String?
    public var title: String
    package var category: CheckCategory
    public var status: CheckStatus
    /// What was found: file:line, values, rules.
    package var evidence: [String]
    /// The exact change that makes the check pass; nil when it passes or is not applicable.
    package var remediation: String?

    public init(id: String, cis: String? = nil, title: String, category: CheckCategory, status: CheckStatus,
                evidence: [String] = [], remediation: String? = nil) {
        self.id = id
        self.cis = cis
        self.title = title
        self.category = category
        self.status = status
        self.evidence = evidence
        self.remediation = remediation
    }
}

/// Every verdict of one `check` run.
public struct CheckReport: Sendable {
    public var results: [CheckResult]
    /// What could not be read for want of permission: the results are incomplete.
    package var denied: [String]

    public init(results: [CheckResult], denied: [String] = []) {
        self.results = results
        self.denied = denied
    }

    public func count(_ status: CheckStatus) -> Int { results.filter { $0.status == status }.count }

    /// Whether the run failed: a `fail`, or with `failOnWarn` also a `warn`.
    public func failed(failOnWarn: Bool) -> Bool {
        results.contains { $0.status == .fail || (failOnWarn && $0.status == .warn) }
    }

    /// `passed of decided`: the checks that passed among those that could pass or fail.
    package var score: (passed: Int, decided: Int) {
        (count(.pass), results.filter { [.pass, .fail, .warn].contains($0.status) }.count)
    }
}
