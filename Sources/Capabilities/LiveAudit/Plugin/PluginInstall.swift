#if canImport(Glibc)
import Glibc
#endif
import HostIO

/// `plugin install` and `uninstall`: dockaudit as an auditd plugin, in plugins.d.
///
/// auditd (3.0.9) starts a plugin only when its binary is a root-owned regular file that
/// is neither group- nor world-writable, and says so in syslog only; `install` checks the
/// same conditions first and names the one that fails. auditd passes a plugin at most two
/// arguments (a longer `args` line is refused), so the plugin's options go to a file of
/// their own, which `plugin --config=FILE` reads.
public enum PluginInstall {
    public static let configurationPath = "/etc/audit/plugins.d/dockaudit.conf"
    public static let optionsPath = "/etc/dockaudit/plugin.options"

    /// The plugins.d file: auditd starts `binary plugin --config=OPTIONS` and writes every event to it in the string format.
    public static func configuration(binary: String, optionsFile: String) -> String {
        """
        # dockaudit's auditd plugin: container-aware events as JSON lines (dockaudit plugin --help).
        # Written by `dockaudit plugin install`; `dockaudit plugin uninstall` removes it. Its options are in
        # \(optionsFile).
        active = yes
        direction = out
        path = \(binary)
        type = always
        args = plugin --config=\(optionsFile)
        format = string

        """
    }

    /// The options file: the plugin's command-line options, one a line, `#` comments.
    public static func options(_ arguments: [String]) -> String {
        var lines = ["# dockaudit plugin's options (dockaudit plugin --help), one a line; written by `dockaudit plugin install`."]
        var index = 0
        while index < arguments.count {
            if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                lines.append(arguments[index] + " " + arguments[index + 1])
                index += 2
            } else {
                lines.append(arguments[index])
                index += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The arguments an options file holds, in order; nil when a line holds more than an option and its value.
    public static func arguments(inOptions text: String) -> [String]? {
        var arguments: [String] = []
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = words.first, !first.hasPrefix("#") else { continue }
            guard words.count <= 2 else { return nil }
            arguments += words.map(String.init)
        }
        return arguments
    }

    /// Why auditd would refuse to start `binary` as a plugin; empty when it would not.
    public static func problems(binary: String, status: FileStatus?) -> [String] {
        guard binary.hasPrefix("/") else { return ["\(binary): the path must be absolute"] }
        guard let status else { return ["\(binary): no such file"] }
        var found: [String] = []
        if status.kind != .file { found.append("\(binary): not a regular file") }
        if status.uid != 0 { found.append("\(binary): not owned by root (uid \(status.uid)); chown root \(binary)") }
        if status.mode & 0o020 != 0 { found.append("\(binary): group-writable; chmod g-w \(binary)") }
        if status.mode & 0o002 != 0 { found.append("\(binary): world-writable; chmod o-w \(binary)") }
        if status.mode & 0o111 == 0 { found.append("\(binary): not executable; chmod 755 \(binary)") }
        return found
    }

    /// Checks `binary`, then writes the options file and the configuration (root-only,
    /// atomically, the options first); throws the problems found.
    public static func install(binary: String, arguments: [String], at path: String = configurationPath,
                               optionsFile: String = optionsPath, files: any HostFiles = LocalHostFiles()) throws {
        let found = problems(binary: binary, status: files.status(binary))
        guard found.isEmpty else { throw InstallProblem(lines: found) }
        if let slash = optionsFile.lastIndex(of: "/"), slash > optionsFile.startIndex {
            _ = try StateDirectory(String(optionsFile[..<slash]))
        }
        try AtomicFile.write(Array(options(arguments).utf8), to: optionsFile, mode: 0o640)
        try AtomicFile.write(Array(configuration(binary: binary, optionsFile: optionsFile).utf8), to: path, mode: 0o640)
    }

    /// Removes the configuration and its options file; false when there was no configuration.
    @discardableResult
    public static func uninstall(at path: String = configurationPath, optionsFile: String = optionsPath) throws -> Bool {
        unlink(optionsFile)
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw HostError(path: path, reason: .notWritten(String(cString: strerror(errno))))
    }

    public struct InstallProblem: Error, CustomStringConvertible {
        public var lines: [String]
        public var description: String { "auditd would not start the plugin:\n" + lines.map { "  " + $0 }.joined(separator: "\n") }
    }
}
