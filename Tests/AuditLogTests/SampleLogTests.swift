import Foundation
import Testing
import AuditLog
import HostIO

/// Fixture tests on the real log shipped in samples/ (recorded by scripts/record-logs).
@Suite struct SampleLogTests {
    static let samplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/audit.log").path

    private func events(_ criteria: SearchCriteria) throws -> [AuditEvent] {
        var scanner = EventStream()
        var found: [AuditEvent] = []
        try scanner.scan(files: [Self.samplePath]) { if criteria.matches($0) { found.append($0) } }
        #expect(scanner.diagnostics.skippedCount == 0)
        return found
    }

    @Test func theLoginUserIsKeptThroughSudo() throws {
        var c = SearchCriteria()
        c.auid = 1001
        c.messageTypes = [1123]   // USER_CMD
        let sudo = try events(c)
        #expect(!sudo.isEmpty)
        let fields = Interpreter().interpret(sudo[0].records[0])
        #expect(fields.contains { $0.name == "cmd" && $0.value.contains("cat /etc/shadow") })
    }

    @Test func findsTheCrash() throws {
        var c = SearchCriteria()
        c.messageTypes = [1701]   // ANOM_ABEND
        let crashes = try events(c)
        #expect(crashes.count == 1)
        #expect(crashes[0].records[0].value(of: "sig") == "11")
    }

    @Test func dockerWatchesFired() throws {
        var c = SearchCriteria()
        c.key = "docker"
        #expect(try events(c).count > 10)
    }
}
