import AuditLog
import ContainerTrace
import Foundation
import HostIO
import Testing
@testable import Fleet

@Suite struct EventRowTests {
    private let log = """
        node=web1 type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=10 pid=11 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="ls" exe="/usr/bin/ls" key="exec"
        node=web1 type=CWD msg=audit(1700000000.123:42): cwd="/root"
        node=web1 type=PATH msg=audit(1700000000.123:42): item=0 name="/usr/bin/ls" inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL
        """

    private func row(_ text: String, node: String? = nil) throws -> [String: Any] {
        let event = try #require(EventStream.events(in: text).first)
        var out = OutputBuffer()
        EventRow.write(event, placement: nil, catalog: ContainerCatalog(), node: node, userName: { _ in nil }, into: &out)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.bytes)) as? [String: Any])
    }

    @Test func anEventBecomesOneRowInTheTablesColumnOrder() throws {
        let row = try row(log, node: "ignored")
        #expect(row["node"] as? String == "web1", "the log's node= wins over --node")
        #expect(row["time_ms"] as? Int == 1_700_000_000_123)
        #expect(row["serial"] as? Int == 42)
        #expect(row["types"] as? [String] == ["SYSCALL", "CWD", "PATH"])
        #expect(row["key"] as? String == "exec")
        #expect(row["auid"] as? Int == 1000 && row["euid"] as? Int == 0 && row["pid"] as? Int == 11)
        #expect(row["syscall"] as? String == "execve" && row["success"] as? Int == 1 && row["exit"] as? String == "0")
        #expect(row["paths"] as? [String] == ["/usr/bin/ls"] && row["cwd"] as? String == "/root")
        #expect(row["container_id"] as? String == "" && row["actor_auid"] as? Int == -1)
        #expect(row["raw"] as? String == log && row["raw_is_hex"] as? Int == 0)
        #expect(Array(row.keys).sorted() == EventTable.columns.map(\.name).sorted())
    }

    @Test func recordsThatAreNotUTF8AreStoredAsHex() throws {
        let parsed = try #require(EventStream.events(in: "type=USER_CMD msg=audit(1700000000.000:7): pid=1 uid=0 msg='cmd=ab'\n").first)
        let record = parsed.records[0]
        var bytes = record.bytes
        bytes[bytes.count - 3] = 0xFF
        let broken = AuditRecord(bytes: bytes, type: record.type, id: record.id, bodyStart: record.bodyStart, bodyEnd: bytes.count)
        let stored = EventRow.rawText(of: AuditEvent(id: parsed.id, records: [broken]))
        #expect(stored.isHex)
        #expect(stored.text.hasSuffix("ff6227"))
        #expect(!EventRow.rawText(of: parsed).isHex)
    }

    @Test func aTableOfAnotherShapeIsNamedByItsFirstDifference() {
        let ours = EventTable.columns.map { "\($0.name)\t\($0.type)\t\t\t\t" }.joined(separator: "\n") + "\ntime\tDateTime\tMATERIALIZED\t\t\t"
        #expect(EventTable.mismatch(describe: ours) == nil)
        #expect(EventTable.mismatch(describe: ours.replacingOccurrences(of: "serial\tUInt64", with: "serial\tUInt32"))
                == "its column serial is UInt32, not UInt64")
        #expect(EventTable.mismatch(describe: "x\tUInt8\t\t\t\t") == "it has no column node")
    }

    @Test func theSchemaUsesOnlyWhatClickHouse18Has() {
        let create = EventTable().create
        for newer in ["DateTime64", "LowCardinality", "Nullable"] { #expect(!create.contains(newer)) }
        #expect(create.contains("ReplacingMergeTree() PARTITION BY toYYYYMM(toDateTime(intDiv(time_ms, 1000))) ORDER BY (node, time_ms, serial, first_type)"))
        #expect(EventTable(database: "a`b", name: "t").qualifiedName == "`a\\`b`.`t`")
    }

    @Test func serverAnswersAreSortedByWhatTheShipperDoesNext() {
        let unknownUser = ClickHouseFailure.fromServer(status: 500, body: "Code: 192, e.displayText() = DB::Exception: Unknown user nobody\n")
        #expect(unknownUser.kind == .credentials && !unknownUser.isTransient)
        let tooManyParts = ClickHouseFailure.fromServer(status: 500, body: "Code: 252, e.displayText() = DB::Exception: Too many parts")
        #expect(tooManyParts.isTransient)
        let syntax = ClickHouseFailure.fromServer(status: 500, body: "Code: 62, e.displayText() = DB::Exception: Syntax error")
        #expect(syntax.kind == .server(code: 62, retryable: false))
        #expect(ClickHouseFailure.fromServer(status: 501, body: "").message == "the server answered 501: HTTP 501")
    }
}
