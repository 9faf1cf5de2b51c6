import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the integration tests need from the machine, and how to run the two tools.
enum Environment {
    static let variables = ProcessInfo.processInfo.environment
    /// CI sets CI=true; there, every integration test runs and fails when its prerequisites are missing.
    static let inCI = variables["CI"] == "true"
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The logs scripts/record-logs wrote (scripts/test sets this).
    static let recordedLogs = variables["DOCKAUDIT_RECORDED"]
    static let binary = variables["DOCKAUDIT_BIN"] ?? packageRoot.appendingPathComponent(".build/debug/dockaudit").path
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/public").path
    static let dockerBench = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/peers/docker-bench-security").path
    static let isRoot = getuid() == 0
    static let hasAusearch = FileManager.default.isExecutableFile(atPath: "/usr/sbin/ausearch")
    static let hasCorpus = FileManager.default.fileExists(atPath: corpus)
    /// The log scripts/record-containers wrote, with its truth.tsv (scripts/test sets this).
    static let containerLog = variables["DOCKAUDIT_CONTAINERS"]
    /// scripts/record-backpressure's recording: the plugin behind a collector that paused.
    static let backpressure = variables["DOCKAUDIT_BACKPRESSURE"]
    /// scripts/record-attacks' recording: detect's scenario suite and a benign workload.
    static let attacks = variables["DOCKAUDIT_ATTACKS"]
    static let hasAugenrules = FileManager.default.isExecutableFile(atPath: "/usr/sbin/augenrules")
}

struct RunResult {
    var status: Int32
    var stdout: Data
    var stderr: String
    var lines: [Substring] { String(decoding: stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) }
}

/// A child that ran past its deadline; the message names the command, so a hang fails one test.
struct TimedOut: Error, CustomStringConvertible {
    var command: String
    var seconds: Int
    var description: String { "timed out after \(seconds) s: \(command)" }
}

/// Runs a program with a fixed locale and time zone, so dates print alike for both tools.
/// Standard input is written on a thread of its own: a child that streams (reads, then writes
/// while it still has input) fills the output pipe long before it has read all of a large input.
func run(_ program: String, _ arguments: [String], stdin: Data? = nil, timeout seconds: Int = 600) throws -> RunResult {
    _ = ignoreBrokenPipes
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    var environment = Environment.variables
    environment["LC_ALL"] = "C"
    environment["TZ"] = "UTC"
    process.environment = environment
    let out = Pipe()
    let errPath = NSTemporaryDirectory() + "dockaudit-stderr-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errPath) }
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    let writer = input.fileHandleForWriting
    let fed = DispatchGroup()
    DispatchQueue.global().async(group: fed) {
        if let stdin { try? writer.write(contentsOf: stdin) }
        try? writer.close()
    }
    let deadline = Deadline()
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) {
        if process.isRunning {
            deadline.passed = true
            process.terminate()
        }
    }
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    fed.wait()
    try err.close()
    if deadline.passed {
        throw TimedOut(command: ([program] + arguments).joined(separator: " "), seconds: seconds)
    }
    let stderrData = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
    return RunResult(status: process.terminationStatus, stdout: stdoutData,
                     stderr: String(decoding: stderrData, as: UTF8.self))
}

/// A child that exits before reading all its input must not take the test runner with it.
private let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

/// Set by the watchdog when it stopped a child.
private final class Deadline: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var passed: Bool {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// How much of ausearch's output dockaudit reproduced: lines matched as a multiset.
struct Parity: CustomStringConvertible {
    var expected = 0
    var matched = 0
    var extra = 0
    var examples: [String] = []
    var onlyInDockaudit: [Substring] = []
    var onlyInAusearch: [Substring] = []

    mutating func compare(ausearch: [Substring], dockaudit: [Substring], label: String) {
        var counts: [Substring: Int] = [:]
        for line in ausearch { counts[line, default: 0] += 1 }
        expected += ausearch.count
        for line in dockaudit {
            if let n = counts[line], n > 0 {
                counts[line] = n - 1
                matched += 1
            } else {
                extra += 1
                onlyInDockaudit.append(line)
                if examples.count < 5 { examples.append("\(label): dockaudit only: \(line.prefix(300))") }
            }
        }
        for (line, n) in counts where n > 0 {
            onlyInAusearch.append(contentsOf: repeatElement(line, count: n))
            if examples.count < 10 { examples.append("\(label): ausearch only: \(line.prefix(300))") }
        }
    }

    var percent: Double { expected == 0 ? 100 : Double(matched) * 100 / Double(expected) }
    var isExact: Bool { matched == expected && extra == 0 }
    var description: String {
        String(format: "%.2f%% (%d of %d lines, %d extra)", percent, matched, expected, extra)
    }
}

/// The rotated set in `dir`, oldest first, joined into one file for ausearch `-if`.
func joinedLog(_ dir: String) throws -> String {
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("audit.log") }
    let ordered = names.sorted { rank($0) > rank($1) }
    var data = Data()
    for name in ordered { data.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))) }
    let path = NSTemporaryDirectory() + "dockaudit-joined-\(UUID().uuidString).log"
    try data.write(to: URL(fileURLWithPath: path))
    return path
}

private func rank(_ name: String) -> Int { name == "audit.log" ? 0 : Int(name.split(separator: ".").last ?? "") ?? 0 }

/// Held by the tests that change the kernel's audit rules or /etc/audit: a `-D` in one
/// would delete another's rules, and the live fix test puts /etc/audit back from a copy.
/// flock on one file, so it also holds across test processes.
final class KernelLock {
    private let fd: Int32

    init() {
        fd = open("/tmp/dockaudit-tests-kernel.lock", O_CREAT | O_RDWR, 0o600)
        if fd >= 0 { flock(fd, LOCK_EX) }
    }

    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Renders `file` in headless Chromium at `width`×`height` and counts the screenshot's pixels
/// near each colour (scripts/lib/png-colors.py): returns width, height, then one count per colour.
func screenshotColours(of file: String, width: Int, height: Int, colours: [String]) throws -> [Int] {
    let shot = file + ".png"
    defer { try? FileManager.default.removeItem(atPath: shot) }
    let made = try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                             "--window-size=\(width),\(height)", "--screenshot=\(shot)", "file://\(file)"])
    try #require(FileManager.default.fileExists(atPath: shot), "chromium made no screenshot: \(made.stderr)")
    let counted = try run("/usr/bin/python3", [Environment.packageRoot.appendingPathComponent("scripts/lib/png-colors.py").path, shot] + colours)
    let numbers = String(decoding: counted.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    try #require(numbers.count == colours.count + 2, "\(counted.stderr)")
    return numbers
}

/// Runs `body` with /etc/audit and the kernel's rules and backlog saved, and puts them
/// back afterwards, whatever `body` did.
func withSavedAuditConfiguration(_ body: () throws -> Void) throws {
    let kernel = KernelLock()
    defer { kernel.release() }
    let saved = NSTemporaryDirectory() + "dockaudit-etc-audit-\(getpid())"
    try #require(try run("/bin/cp", ["-a", "/etc/audit", saved]).status == 0)
    let backlog = try run("/sbin/auditctl", ["-s"]).lines.first { $0.hasPrefix("backlog_limit ") }?.split(separator: " ").last
    defer {
        _ = try? run("/bin/rm", ["-rf", "/etc/audit"])
        _ = try? run("/bin/cp", ["-a", saved, "/etc/audit"])
        _ = try? run("/bin/rm", ["-rf", saved])
        _ = try? run("/sbin/auditctl", ["-D"])
        if let backlog { _ = try? run("/sbin/auditctl", ["-b", String(backlog)]) }
    }
    _ = try run("/sbin/auditctl", ["-D"])
    try body()
}
