import ArgumentParser
import HostIO

/// Where the log comes from.
struct InputOptions: ParsableArguments {
    @Option(name: [.customLong("if", withSingleDash: true), .customLong("input")],
            help: "A log file, a directory of rotated logs, or - for standard input (repeatable). Default: /var/log/audit/audit.log and its rotated siblings.")
    var inputs: [String] = []

    @Flag(name: .customLong("input-logs"), help: "Read the rotated set in auditd's log directory (the default).")
    var inputLogs = false

    /// The log files to read, in order. `twiceReason` refuses standard input, which cannot be read twice.
    func files(refusingStandardInput twiceReason: String? = nil) throws -> [String] {
        let files = try LogFiles.resolve(inputs)
        if let twiceReason, files.contains("-") { throw ValidationError(twiceReason) }
        return files
    }
}
