/// What `boot` says about the timings: the total and its parts, the slowest units with
/// their share of userspace time, the security units among them, and whether auditd came
/// up before docker and containerd.
public struct BootTimingReport: Sendable {
    public struct SlowUnit: Sendable, Equatable {
        public var unit: String
        public var seconds: Double
        /// The unit's time as a part of userspace startup (units start in parallel, so the
        /// shares do not add up to one); nil for a unit that took longer than startup itself.
        public var share: Double?
        /// True for a unit that took longer than userspace startup: it ran on after startup
        /// finished (timers such as apt-daily), so it did not slow the boot by that much.
        package var outlastsStartup: Bool
        package var securityRelevant: Bool
    }

    public var timing: BootTiming
    public var top: [SlowUnit]
    /// Every security-relevant unit of blame, slowest first.
    package var securityUnits: [SlowUnit]
    /// True when auditd is active before docker and containerd in the critical chain;
    /// nil when the chain does not show them.
    package var auditdBeforeDocker: Bool?
    var orderEvidence: [String]

    /// Units whose start time matters for the host's security.
    package static let securityUnits = ["auditd", "docker", "containerd", "fail2ban", "apparmor", "selinux",
                                       "firewalld", "nftables", "iptables", "ufw", "sshd", "ssh", "osqueryd",
                                       "falco", "crowdsec", "clamav", "aide", "systemd-journald", "rsyslog"]

    static func isSecurityRelevant(_ unit: String) -> Bool {
        let name = unit.split(separator: ".").first.map(String.init) ?? unit
        return securityUnits.contains { name == $0 || name.hasPrefix($0 + "-") || name.hasPrefix($0 + "@") }
    }

    public init(timing: BootTiming, top count: Int = 5) {
        self.timing = timing
        let userspace = timing.userspace
        let units = timing.blame.map { entry in
            SlowUnit(unit: entry.unit, seconds: entry.seconds,
                     share: userspace.flatMap { $0 > 0 && entry.seconds <= $0 ? entry.seconds / $0 : nil },
                     outlastsStartup: userspace.map { entry.seconds > $0 } ?? false,
                     securityRelevant: Self.isSecurityRelevant(entry.unit))
        }
        top = Array(units.prefix(count))
        securityUnits = units.filter(\.securityRelevant)
        var evidence: [String] = []
        func activeAt(_ name: String) -> Double? {
            timing.chain.first { $0.unit == name + ".service" || $0.unit == name + ".socket" }?.activeAt
        }
        let auditd = activeAt("auditd")
        let others = ["docker", "containerd"].compactMap { name in activeAt(name).map { (name, $0) } }
        if let auditd { evidence.append("auditd.service active @\(Timespan.text(auditd))") }
        for (name, at) in others { evidence.append("\(name) active @\(Timespan.text(at))") }
        if let auditd, !others.isEmpty {
            auditdBeforeDocker = others.allSatisfy { auditd <= $0.1 }
        } else {
            auditdBeforeDocker = nil
            if !timing.chain.isEmpty { evidence.append("the critical chain does not show auditd with docker or containerd") }
        }
        orderEvidence = evidence
    }
}
