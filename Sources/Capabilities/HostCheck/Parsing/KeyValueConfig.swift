import AuditRules
import HostIO

/// A `key = value` file such as auditd.conf: later keys win, `#` starts a comment,
/// keys compare case-sensitively and values case-insensitively (as auditd does for actions).
package struct KeyValueConfig: Sendable {
    public struct Entry: Sendable {
        public var value: String
        public var line: Int
    }

    package var entries: [String: Entry] = [:]
    /// Lines that are neither blank, comment nor `key = value`.
    var malformedLines: [Int] = []

    public init(text: String) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmedBlanks()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { malformedLines.append(index + 1); continue }
            let key = line[..<equals].trimmedBlanks()
            let value = line[line.index(after: equals)...].trimmedBlanks()
            guard !key.isEmpty else { malformedLines.append(index + 1); continue }
            entries[String(key)] = Entry(value: String(value), line: index + 1)
        }
    }

    public subscript(key: String) -> Entry? { entries[key] }
}
