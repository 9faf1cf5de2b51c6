import ArgumentParser
import AuditLog
import ClickHouse
import Fleet
import Foundation
import HostIO

/// `dockaudit ship`: log files into a ClickHouse table, one row per event, exactly once.
struct ShipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship",
        abstract: "Ship events to ClickHouse: one row per event, with its container and actor (docs/fleet.md).",
        discussion: """
            Inserts over ClickHouse's HTTP interface (JSONEachRow) in batches, making the database and table when \
            missing. The user and password come from DOCKAUDIT_CLICKHOUSE_USER and DOCKAUDIT_CLICKHOUSE_PASSWORD, or \
            from --credentials FILE (user = …, password = …), never from the command line. After each batch the \
            server acknowledged, the checkpoint moves on, so a restart sends nothing twice; while the server cannot \
            be reached the batch is tried again, for --retry-for seconds. Exit status: 0 shipped, 2 on any error, \
            with nothing after the last acknowledged batch marked as shipped.
            """
    )

    @OptionGroup var input: InputOptions
    @Option(help: "The server's HTTP interface: http://HOST:8123 or https://HOST:8443.")
    var clickhouse: String
    @Option(help: "The database (made when missing).")
    var database = "dockaudit"
    @Option(help: "The table (made when missing; a Distributed table made beforehand works too).")
    var table = "events"
    @Option(help: "The host's name, for logs whose lines have no node= prefix.")
    var node: String?
    @Option(help: "Events per INSERT.")
    var batch = 10_000
    @Option(help: "Where the acknowledged position is kept.")
    var checkpoint = "/var/lib/dockaudit/ship.checkpoint"
    @Option(name: .customLong("retry-for"), help: "Seconds to keep trying while the server cannot be reached.")
    var retryFor = 300.0
    @Option(help: "A file with the user and password (user = NAME, password = SECRET), instead of the environment.")
    var credentials: String?

    func validate() throws {
        guard clickhouse.hasPrefix("http://") || clickhouse.hasPrefix("https://") else {
            throw ValidationError("--clickhouse takes the server's HTTP address (http://HOST:8123 or https://…), not '\(clickhouse)'")
        }
        guard batch > 0, retryFor >= 0 else { throw ValidationError("--batch must be positive and --retry-for not negative") }
    }

    func run() throws {
        let files = try input.files()
        let (user, password) = try Self.credentials(from: credentials)
        let transport = ClickHouseHTTP(url: clickhouse, user: user, password: password)
        var run = ShipRun(table: EventTable(database: database, name: table), target: "\(clickhouse) \(database).\(table) node=\(node ?? "")")
        run.node = node
        run.batchSize = batch
        run.checkpointPath = checkpoint
        run.patience = retryFor
        run.catalog = ContainerSource.scan(root: nil).catalog()
        run.userName = ContainerSource.userName
        run.note = { StandardError.write("dockaudit ship: \($0)") }
        let result: ShipRun.Result
        do {
            result = try run.run(LogFiles.open(files), names: files, transport: transport)
        } catch let error as ShipError {
            throw CommandFailure(error.description)
        }
        if let warning = result.diagnostics.summary { StandardError.write(warning) }
        let skipped = result.skipped > 0 ? " (\(result.skipped) acknowledged before)" : ""
        StandardError.write("dockaudit ship: \(result.shipped) events shipped to \(database).\(table)\(skipped)")
    }

    /// The environment's user and password, or the file's; a file that cannot be read is an error.
    static func credentials(from file: String?) throws -> (String?, String?) {
        guard let file else {
            let environment = ProcessInfo.processInfo.environment
            return (environment["DOCKAUDIT_CLICKHOUSE_USER"], environment["DOCKAUDIT_CLICKHOUSE_PASSWORD"])
        }
        guard let bytes = LocalHostFiles().read(file) else { throw CommandFailure("--credentials \(file): cannot be read") }
        var values: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, !parts[0].hasPrefix("#") { values[parts[0]] = parts[1] }
        }
        guard values["user"] != nil else { throw CommandFailure("--credentials \(file): no 'user = NAME' line") }
        return (values["user"], values["password"])
    }
}
