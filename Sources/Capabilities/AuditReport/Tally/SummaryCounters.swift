/// The counters of `aureport --summary`, one per line of its report, in its order.
package struct SummaryCounters: Sendable, Equatable {
    var changesInConfiguration = 0
    var changesToAccounts = 0
    package var logins = 0
    var failedLogins = 0
    package var authentications = 0
    var failedAuthentications = 0
    public var users = 0
    package var terminals = 0
    var hostNames = 0
    package var executables = 0
    public var commands = 0
    public var files = 0
    package var avcs = 0
    var macEvents = 0
    package var failedSyscalls = 0
    public var anomalies = 0
    package var responses = 0
    package var crypto = 0
    package var integrity = 0
    package var virt = 0
    public var keys = 0
    var processIDs = 0
    public var events = 0

    public init() {}

    /// Adds another tally's counts (the distinct-item counts are not added: they come from sets).
    mutating func add(_ other: SummaryCounters) {
        changesInConfiguration += other.changesInConfiguration
        changesToAccounts += other.changesToAccounts
        logins += other.logins
        failedLogins += other.failedLogins
        authentications += other.authentications
        failedAuthentications += other.failedAuthentications
        avcs += other.avcs
        macEvents += other.macEvents
        failedSyscalls += other.failedSyscalls
        anomalies += other.anomalies
        responses += other.responses
        crypto += other.crypto
        integrity += other.integrity
        virt += other.virt
        events += other.events
    }

    /// Each counter with aureport's words and its snake-case JSON name, in aureport's order.
    public var lines: [(words: String, json: String, value: Int)] {
        [("changes in configuration", "changes_in_configuration", changesInConfiguration),
         ("changes to accounts, groups, or roles", "changes_to_accounts_groups_or_roles", changesToAccounts),
         ("logins", "logins", logins), ("failed logins", "failed_logins", failedLogins),
         ("authentications", "authentications", authentications),
         ("failed authentications", "failed_authentications", failedAuthentications),
         ("users", "users", users), ("terminals", "terminals", terminals), ("host names", "host_names", hostNames),
         ("executables", "executables", executables), ("commands", "commands", commands), ("files", "files", files),
         ("AVC's", "avcs", avcs), ("MAC events", "mac_events", macEvents),
         ("failed syscalls", "failed_syscalls", failedSyscalls), ("anomaly events", "anomaly_events", anomalies),
         ("responses to anomaly events", "responses_to_anomaly_events", responses),
         ("crypto events", "crypto_events", crypto), ("integrity events", "integrity_events", integrity),
         ("virt events", "virt_events", virt), ("keys", "keys", keys), ("process IDs", "process_ids", processIDs),
         ("events", "events", events)]
    }
}
