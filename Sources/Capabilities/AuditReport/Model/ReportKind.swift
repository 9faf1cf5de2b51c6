/// The reports `dockaudit report` writes: aureport's, named in words, plus the ones aureport lacks.
public enum ReportKind: String, CaseIterable, Sendable {
    case summary, keys, users, executables, commands, files, syscalls, logins, authentications, events
    case anomalies, responses, config, modifications, crypto, mac, integrity, virt, pids, terminals, hosts, time
    /// Not in aureport: containers seen in the log, and each login user followed through sudo and su.
    case containers, people

    /// The aureport option that writes the same report, for the docs and error messages.
    var aureportOption: String? {
        switch self {
        case .summary: return "--summary"
        case .keys: return "-k"
        case .users: return "-u"
        case .executables: return "-x"
        case .commands: return "--comm"
        case .files: return "-f"
        case .syscalls: return "-s"
        case .logins: return "-l"
        case .authentications: return "-au"
        case .events: return "-e"
        case .anomalies: return "-n"
        case .responses: return "-r"
        case .config: return "-c"
        case .modifications: return "-m"
        case .crypto: return "-cr"
        case .mac: return "-ma"
        case .integrity: return "--integrity"
        case .virt: return "--virt"
        case .pids: return "-p"
        case .terminals: return "-tm"
        case .hosts: return "-h"
        case .time: return "-t"
        case .containers, .people: return nil
        }
    }

    /// aureport's titles and column names for this report.
    var layout: ReportLayout? {
        switch self {
        case .keys: return .init("Key Report", 47, "key success exe auid event", "Key Summary Report", 27, "key")
        case .users: return .init("User ID Report", 36, "auid term host exe event", "User Summary Report", 27, "auid")
        case .executables:
            return .init("Executable Report", 36, "exe term host auid event", "Executable Summary Report", 33, "file")
        case .commands:
            return .init("Command Report", 36, "comm term host auid event", "Command Summary Report", 33, "command", ruler2: 37)
        case .files: return .init("File Report", 47, "file syscall success exe auid event", "File Summary Report", 27, "file")
        case .syscalls:
            return .init("Syscall Report", 39, "syscall pid comm auid event", "Syscall Summary Report", 26, "syscall")
        case .logins:
            return .init("Login Report", 44, "auid host term exe success event", "Login Summary Report", 28, "auid")
        case .authentications:
            return .init("Authentication Report", 44, "acct host term exe success event", "Authentication Summary Report", 29, "acct")
        case .events: return .init("Event Report", 35, "event type auid success", "Event Summary Report", 22, "type")
        case .anomalies:
            return .init("Anomaly Report", 41, "type exe term host auid event", "Anomaly Summary Report", 22, "type")
        case .responses:
            return .init("Response to Anomaly Report", 30, "type success event", "Anomaly Response Summary Report", 31, "type")
        case .config:
            return .init("Config Change Report", 35, "type auid success event", "Config Change Summary Report", 28, "type")
        case .modifications:
            return .init("Account Modifications Report", 49, "auid addr term exe acct success event",
                         "Acct Modification Summary Report", 32, "type")
        case .crypto: return .init("Crypto Report", 35, "auid type success event", "Crypto Summary Report", 21, "type")
        case .mac: return .init("MAC Report", 35, "auid type success event", "MAC Summary Report", 18, "type")
        case .integrity:
            return .init("Integrity Report", 30, "type success event", "Integrity Summary Report", 24, "type")
        case .virt:
            return .init("Virtualization Report", 30, "type success event", "Virtualization Summary Report", 29, "type")
        case .pids: return .init("Process ID Report", 38, "pid exe syscall auid event", "Pid Summary Report", 26, "pid")
        case .terminals:
            return .init("Terminal Report", 36, "term host exe auid event", "Terminal Summary Report", 31, "terminal")
        case .hosts: return .init("Host Report", 35, "host syscall auid event", "Host Summary Report", 27, "host")
        case .summary, .time, .containers, .people: return nil
        }
    }
}

/// A report's heading as aureport writes it: title, ruler width, column names.
struct ReportLayout: Sendable {
    let title: String
    let ruler: Int
    let columns: [String]
    let summaryTitle: String
    let summaryRuler: Int
    let summaryColumn: String
    /// The Command Report's second ruler is one longer than its first (as in aureport).
    let secondRuler: Int

    init(_ title: String, _ ruler: Int, _ columns: String, _ summaryTitle: String, _ summaryRuler: Int,
         _ summaryColumn: String, ruler2: Int? = nil) {
        self.title = title
        self.ruler = ruler
        self.columns = columns.split(separator: " ").map(String.init)
        self.summaryTitle = summaryTitle
        self.summaryRuler = summaryRuler
        self.summaryColumn = summaryColumn
        secondRuler = ruler2 ?? ruler
    }
}
