/// Runs every check on a snapshot. Pure: the same snapshot gives the same report.
public struct HostChecker: Sendable {
    /// The users allowed to control Docker (CIS 1.1.2); nil lists them without judging.
    public var trustedUsers: Set<String>?
    /// Checks of capabilities above this module, run after the others (detect's blind spots:
    /// `DetectionCoverage.check`); pure functions of the snapshot too.
    public var additionalChecks: [@Sendable (HostSnapshot) -> [CheckResult]] = []

    public init(trustedUsers: Set<String>? = nil) { self.trustedUsers = trustedUsers }

    /// Every check id, in report order.
    public static let allIDs: [String] = {
        HostChecker().check(HostSnapshot()).results.map(\.id)
    }()

    public func check(_ snapshot: HostSnapshot, only: Set<String> = [], skip: Set<String> = []) -> CheckReport {
        var results = DaemonChecks.run(snapshot) + LossChecks.run(snapshot) + BootChecks.run(snapshot) + RuleChecks.run(snapshot)
            + DockerAccessChecks.run(snapshot, trustedUsers: trustedUsers) + CISChecks.run(snapshot) + PermissionChecks.run(snapshot) + ConfigurationChecks.run(snapshot)
            + additionalChecks.flatMap { $0(snapshot) }
        if !only.isEmpty { results = results.filter { only.contains($0.id) } }
        results = results.filter { !skip.contains($0.id) }
        return CheckReport(results: results, denied: snapshot.deniedInputs)
    }
}
