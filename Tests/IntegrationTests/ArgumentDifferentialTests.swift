import Foundation
import Testing

/// Every syscall of four arches through a spread of argument values (flag bits, small
/// enums, AT_FDCWD, ids, modes, huge and odd values), written by
/// scripts/fixtures/make-argument-log.py: `search -i` must print what `ausearch -i` prints,
/// line for line, which covers every a0–a3 decoder auparse has and the choice between them.
@Suite(.enabled(if: Environment.inCI || Environment.hasAusearch))
struct ArgumentDifferentialTests {
    @Test(arguments: ["c000003e", "40000003", "c00000b7", "80000015"])
    func everySyscallsArgumentsAsAusearchShowsThem(arch: String) throws {
        try #require(Environment.hasAusearch, "ausearch is not installed")
        let script = Environment.packageRoot.appendingPathComponent("scripts/fixtures/make-argument-log.py").path
        let made = try run("/usr/bin/python3", [script, arch, "460"])
        try #require(made.status == 0, "the generator failed: \(made.stderr)")
        let log = NSTemporaryDirectory() + "dockaudit-arguments-\(arch)-\(getpid()).log"
        try made.stdout.write(to: URL(fileURLWithPath: log))
        defer { try? FileManager.default.removeItem(atPath: log) }
        let expected = try run("/usr/sbin/ausearch", ["-if", log, "-i"])
        let found = try run(Environment.binary, ["search", "-if", log, "-i"])
        var parity = Parity()
        parity.compare(ausearch: expected.lines, dockaudit: found.lines, label: arch)
        print("arguments -i \(arch): \(parity)")
        #expect(expected.lines.count > 50_000)
        #expect(parity.isExact, "\(parity): \(parity.examples)")
    }
}
