import Foundation

/// The ClickHouse table of shipped events: one row per event, ordered and deduplicated by
/// (node, time_ms, serial, first_type) in a ReplacingMergeTree, so an event sent twice is one
/// event to every query that reads with FINAL. Only types ClickHouse 18.16 has: no
/// DateTime64, no LowCardinality, no Nullable (absent values are -1 or empty). docs/fleet.md.
public struct EventTable: Sendable, Equatable {
    public var database: String
    public var name: String

    public init(database: String = "dockaudit", name: String = "events") {
        self.database = database
        self.name = name
    }

    /// The columns in the order rows are written, with their types as `DESCRIBE TABLE` prints them.
    public static let columns: [(name: String, type: String)] = [
        ("node", "String"), ("time_ms", "UInt64"), ("serial", "UInt64"), ("first_type", "String"),
        ("types", "Array(String)"), ("key", "String"), ("keys", "Array(String)"),
        ("auid", "Int64"), ("uid", "Int64"), ("euid", "Int64"), ("pid", "Int64"), ("ppid", "Int64"),
        ("exe", "String"), ("comm", "String"), ("syscall", "String"), ("success", "Int8"), ("exit", "String"),
        ("paths", "Array(String)"), ("cwd", "String"),
        ("container_id", "String"), ("container_name", "String"), ("container_image", "String"),
        ("actor_auid", "Int64"), ("actor_user", "String"), ("actor_command", "String"),
        ("raw", "String"), ("raw_is_hex", "UInt8"),
    ]

    /// A DateTime for people and partitions, made by the server from `time_ms`.
    static let materialized = (name: "time", type: "DateTime", expression: "toDateTime(intDiv(time_ms, 1000))")

    public var qualifiedName: String { "\(Self.quoted(database)).\(Self.quoted(name))" }

    public var createDatabase: String { "CREATE DATABASE IF NOT EXISTS \(Self.quoted(database))" }

    public var create: String {
        let columns = Self.columns.map { "\(Self.quoted($0.name)) \($0.type)" }
            + ["\(Self.materialized.name) \(Self.materialized.type) MATERIALIZED \(Self.materialized.expression)"]
        return """
            CREATE TABLE IF NOT EXISTS \(qualifiedName) (\(columns.joined(separator: ", "))) \
            ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(\(Self.materialized.expression)) \
            ORDER BY (node, time_ms, serial, first_type)
            """
    }

    public var describe: String { "DESCRIBE TABLE \(qualifiedName) FORMAT TabSeparated" }

    public var insert: String { "INSERT INTO \(qualifiedName) FORMAT JSONEachRow" }

    /// Why the table `DESCRIBE TABLE` printed (tab-separated: name, type, …) is not this
    /// schema; nil when it is. Extra columns after ours are allowed.
    public static func mismatch(describe output: String) -> String? {
        let described = output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        var found: [String: String] = [:]
        for row in described where row.count >= 2 { found[String(row[0])] = String(row[1]) }
        for column in columns + [(materialized.name, materialized.type)] {
            guard let type = found[column.name] else { return "it has no column \(column.name)" }
            guard type == column.type else { return "its column \(column.name) is \(type), not \(column.type)" }
        }
        return nil
    }

    /// A name in backquotes, as ClickHouse quotes identifiers.
    static func quoted(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`") + "`"
    }
}
