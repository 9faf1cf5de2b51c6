import AuditLog
import Testing
import TestSupport

/// One record a file in Fixtures/records, broken ones included: what the parser, the
/// interpreter and the stream make of each, against its golden `.golden` file
/// (`DOCKAUDIT_WRITE_GOLDEN=1 swift test --filter RecordFixtureTests` rewrites them).
@Suite struct RecordFixtureTests {
    static let fixtures = FixtureDirectory("records", besides: #filePath)
    static let names = (try? fixtures.files(endingWith: ".log")) ?? []

    @Test func thereAreFixturesAndBrokenOnes() {
        #expect(Self.names.count >= 10)
        #expect(Self.names.contains { $0.hasPrefix("broken-") })
    }

    @Test(arguments: names)
    func matchesItsGolden(_ name: String) throws {
        let bytes = try Self.fixtures.bytes(name)
        let golden = String(name.dropLast(".log".count)) + ".golden"
        let problem = try Self.fixtures.golden(golden, Self.describe(bytes))
        #expect(problem == nil, "\(problem ?? "")")
    }

    static func describe(_ bytes: [UInt8]) -> String {
        var text = ""
        let line = Array(bytes.prefix { $0 != 0x0A })
        switch line.withUnsafeBufferPointer({ RecordParser.parse($0) }) {
        case .failure(let problem):
            text += "problem: \(problem.rawValue)\n"
        case .success(let record):
            text += "record: \(record.type.name) (\(record.type.number)) \(record.id.text) node \(record.id.node ?? "-")\n"
            for field in record.fields { text += "field: \(field.name)=\(field.value) (\(field.quoting))\n" }
            for (key, value) in record.enrichment.sorted(by: { $0.key < $1.key }) { text += "enriched: \(key)=\(value)\n" }
            for field in Interpreter(names: NoAccountNames()).interpret(record) { text += "interpreted: \(field.name)=\(field.value)\n" }
        }
        let (events, diagnostics) = scan(String(decoding: bytes, as: UTF8.self), name: "fixture")
        text += "stream: \(events.count) event\(events.count == 1 ? "" : "s"), \(diagnostics.skippedCount) skipped\n"
        if let summary = diagnostics.summary { text += summary.hasSuffix("\n") ? summary : summary + "\n" }
        return text
    }
}
