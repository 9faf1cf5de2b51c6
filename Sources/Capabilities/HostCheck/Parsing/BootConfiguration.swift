import AuditRules
import HostIO
/// Kernel command lines as the boot configuration writes them: /etc/default/grub's
/// `GRUB_CMDLINE_LINUX[_DEFAULT]="…"` (shell quoting), /etc/kernel/cmdline, and the
/// `options` line of BLS entries.
package enum BootConfiguration {
    /// One place where kernel arguments are set.
    package struct ArgumentLine: Sendable, Equatable {
        public var path: String
        public var line: Int
        /// GRUB's variable name, or `cmdline`/`options`.
        public var name: String
        package var arguments: [String]
    }

    package enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case unbalancedQuote(path: String, line: Int)
        public var description: String {
            switch self {
            case .unbalancedQuote(let path, let line): return "\(path):\(line): unbalanced quote"
            }
        }
    }

    static let grubVariables = ["GRUB_CMDLINE_LINUX", "GRUB_CMDLINE_LINUX_DEFAULT"]

    /// The GRUB variables that set kernel arguments, with their words.
    package static func grubLines(_ text: String, path: String) throws(ParseError) -> [ArgumentLine] {
        var result: [ArgumentLine] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmedBlanks()
            guard let equals = line.firstIndex(of: "="), grubVariables.contains(String(line[..<equals])) else { continue }
            let name = String(line[..<equals])
            guard let value = unquote(line[line.index(after: equals)...]) else {
                throw .unbalancedQuote(path: path, line: index + 1)
            }
            result.append(ArgumentLine(path: path, line: index + 1, name: name, arguments: words(value)))
        }
        return result
    }

    /// /etc/kernel/cmdline: the whole file is one command line.
    package static func kernelCmdline(_ text: String, path: String) -> ArgumentLine {
        ArgumentLine(path: path, line: 1, name: "cmdline", arguments: words(text))
    }

    /// The `options` line of a BLS entry.
    package static func loaderEntry(_ text: String, path: String) -> ArgumentLine? {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmedBlanks()
            guard line.hasPrefix("options") else { continue }
            let rest = line.dropFirst("options".count)
            guard rest.first == " " || rest.first == "\t" else { continue }
            return ArgumentLine(path: path, line: index + 1, name: "options", arguments: words(String(rest)))
        }
        return nil
    }

    /// The value of a kernel argument (`audit=1` → "1"), the last one winning, as the kernel reads them.
    public static func value(of name: String, in arguments: [String]) -> String? {
        arguments.last { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    /// Shell quoting of one assignment value: '…', "…" (with \" and \\), and bare words.
    static func unquote(_ value: Substring) -> String? {
        var result = ""
        var quote: Character?
        var escaping = false
        for character in value {
            if escaping { result.append(character); escaping = false; continue }
            switch (quote, character) {
            case (nil, "#") where result.isEmpty || result.last == " ": return result
            case (nil, "'"), (nil, "\""): quote = character
            case ("'", "'"), ("\"", "\""): quote = nil
            case ("\"", "\\"), (nil, "\\"): escaping = true
            default: result.append(character)
            }
        }
        return quote == nil && !escaping ? result : nil
    }
}
