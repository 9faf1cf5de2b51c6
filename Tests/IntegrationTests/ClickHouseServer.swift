import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A clickhouse-server of the test's own: its data directory and ports, started with the
/// packaged configuration, stopped by the test. It runs in the background of a shell, not as
/// a Foundation `Process`: corelibs Foundation waits on every running child when any child
/// ends, so a long-lived one would block the test's other commands (`Background`).
final class ClickHouseServer {
    static let binary = "/usr/sbin/clickhouse-server"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let directory: String
    let httpPort: Int
    private let tcpPort: Int
    private let interserverPort: Int
    private var pid: pid_t?

    var url: String { "http://127.0.0.1:\(httpPort)" }

    /// `slot` keeps the ports of servers the same test runs apart.
    init(slot: Int) throws {
        directory = NSTemporaryDirectory() + "dockaudit-clickhouse-\(getpid())-\(slot)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let base = 20_000 + Int(getpid() % 2_000) * 10 + slot * 3
        (httpPort, tcpPort, interserverPort) = (base, base + 1, base + 2)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func start() throws {
        pid = try Background.start([Self.binary, "--config-file=/etc/clickhouse-server/config.xml", "--", "--path=\(directory)/",
                                    "--http_port=\(httpPort)", "--tcp_port=\(tcpPort)", "--interserver_http_port=\(interserverPort)",
                                    "--logger.log=\(directory)/server.log", "--logger.errorlog=\(directory)/error.log"])
        for _ in 0..<120 {
            if (try? query("SELECT 1")) == "1" { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw ServerDidNotStart(directory: directory)
    }

    /// Kills the server (a crash, as far as clients can tell) and waits for it to end.
    func stop() {
        guard let pid else { return }
        Background.stop(pid, signal: SIGKILL)
        self.pid = nil
    }

    /// A query's answer (TabSeparated), trimmed; throws when the server answers with an error.
    @discardableResult
    func query(_ sql: String) throws -> String {
        let result = try run("/usr/bin/curl", ["-sS", "--fail-with-body", "--data-binary", sql, url + "/"], timeout: 60)
        let text = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0 else { throw QueryFailed(sql: sql, answer: text + result.stderr) }
        return text
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var directory: String
        var description: String { "clickhouse-server did not answer within 30 s (see \(directory)/error.log)" }
    }

    struct QueryFailed: Error, CustomStringConvertible {
        var sql: String
        var answer: String
        var description: String { "\(sql): \(answer)" }
    }
}

/// Commands run in the background of a shell, with their stderr and exit status in files.
enum Background {
    /// The command's pid; `stderr` and `status` are files it leaves behind (status when it ends).
    static func start(_ command: [String], stderr: String = "/dev/null", status: String? = nil) throws -> pid_t {
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let line = status.map { "(\(quoted) </dev/null >/dev/null 2>'\(stderr)'; echo $? > '\($0)') >/dev/null 2>&1 &" }
            ?? "exec \(quoted) </dev/null >/dev/null 2>'\(stderr)' &"
        let pidFile = NSTemporaryDirectory() + "dockaudit-background-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // posix_spawn and waitpid of our own: Foundation's Process would not see this shell end
        // once a child it started earlier has gone on in the background.
        var child: pid_t = 0
        let arguments = ["/bin/sh", "-c", line + " echo $! > '\(pidFile)'"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        guard posix_spawn(&child, "/bin/sh", nil, nil, &argv, environ) == 0 else { throw CannotStart(command: quoted) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CannotStart(command: quoted)
        }
        return pid
    }

    /// Whether the process still runs (a zombie no longer does).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
    }

    /// Sends `signal`, then waits up to 60 s for the process to end (SIGKILL after 30 s).
    static func stop(_ pid: pid_t, signal: Int32 = SIGTERM) {
        kill(pid, signal)
        for tick in 0..<600 where isRunning(pid) {
            if tick == 300 { kill(pid, SIGKILL) }
            usleep(100_000)
        }
    }

    struct CannotStart: Error, CustomStringConvertible {
        var command: String
        var description: String { "could not start in the background: \(command)" }
    }
}
