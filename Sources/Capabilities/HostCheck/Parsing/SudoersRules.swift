import AuditRules
import HostIO

/// The sudoers rules that let someone run docker as root: a command list of `ALL`, or a
/// command (directly or through a `Cmnd_Alias`) whose program is `docker` or `dockerd`.
/// Whoever may run docker as root controls the daemon, as the docker group does (CIS 1.1.2).
struct SudoersGrant: Sendable, Equatable {
    /// Who: a user, `%group`, or a `User_Alias` name, as written.
    public var who: String
    /// What: `ALL` or the docker command.
    public var commands: [String]
    /// `file:line`.
    package var location: String
}

enum SudoersRules {
    /// The grants in one sudoers file. `#include` and `@include` lines are not followed
    /// here: the reader passes every file of /etc/sudoers.d that sudo would read.
    static func dockerGrants(in text: String, path: String) -> [SudoersGrant] {
        var aliases: [String: [String]] = [:]
        var grants: [SudoersGrant] = []
        for (index, logical) in logicalLines(text) {
            let line = logical.trimmedBlanks()
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("@"), !line.hasPrefix("Defaults") else { continue }
            if line.hasPrefix("Cmnd_Alias") {
                for definition in line.dropFirst("Cmnd_Alias".count).split(separator: ":") {
                    guard let equals = definition.firstIndex(of: "=") else { continue }
                    aliases[definition[..<equals].trimmedBlanks()] = list(definition[definition.index(after: equals)...])
                }
                continue
            }
            if ["User_Alias", "Runas_Alias", "Host_Alias"].contains(where: line.hasPrefix) { continue }
            guard let blank = line.firstIndex(where: { $0 == " " || $0 == "\t" }),
                  let equals = line[blank...].firstIndex(of: "=") else { continue }
            let who = String(line[..<blank])
            var commands = line[line.index(after: equals)...].trimmedBlanks()[...]
            if commands.hasPrefix("("), let close = commands.firstIndex(of: ")") { commands = commands[commands.index(after: close)...] }
            let granted = list(commands).map(withoutTags).flatMap { aliases[$0] ?? [$0] }.filter(runsDocker)
            if !granted.isEmpty { grants.append(SudoersGrant(who: who, commands: granted, location: "\(path):\(index)")) }
        }
        return grants
    }

    /// Lines joined where one ends in a backslash, each with the number of its first line.
    private static func logicalLines(_ text: String) -> [(Int, String)] {
        var lines: [(Int, String)] = []
        var pending: (Int, String)?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var part = String(raw)
            let continued = part.hasSuffix("\\")
            if continued { part.removeLast() }
            pending = pending.map { ($0.0, $0.1 + " " + part) } ?? (offset + 1, part)
            if !continued, let done = pending { lines.append(done); pending = nil }
        }
        if let pending { lines.append(pending) }
        return lines
    }

    private static func list(_ text: Substring) -> [String] {
        text.split(separator: ",").map { $0.trimmedBlanks() }.filter { !$0.isEmpty }
    }

    /// `NOPASSWD: /usr/bin/docker` → `/usr/bin/docker`.
    private static func withoutTags(_ command: String) -> String {
        var rest = command[...]
        while let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isUppercase || $0 == "_" }) {
            rest = rest[rest.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        }
        return String(rest)
    }

    private static func runsDocker(_ command: String) -> Bool {
        if command == "ALL" { return true }
        let program = command.split(separator: " ").first.map(String.init) ?? command
        let name = program.split(separator: "/").last.map(String.init) ?? program
        return name == "docker" || name == "dockerd"
    }
}
