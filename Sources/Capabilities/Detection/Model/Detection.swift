/// How much an alert asks for attention, lowest first; `--fail-on` compares with it.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One thing `detect` looks for: what it is called, how serious it is, which ATT&CK
/// techniques it stands for, and the audit rules without which it cannot fire.
public struct Detection: Sendable, Equatable {
    /// Stable: scripts and allowlists name detections by it.
    public let id: String
    /// What it fires on, in a few words.
    public let title: String
    public let severity: Severity
    /// MITRE ATT&CK technique ids.
    public let mitre: [String]
    /// The auditctl rules whose records the detection reads.
    public let needs: [String]

    public init(id: String, title: String, severity: Severity, mitre: [String], needs: [String]) {
        self.id = id
        self.title = title
        self.severity = severity
        self.mitre = mitre
        self.needs = needs
    }
}
