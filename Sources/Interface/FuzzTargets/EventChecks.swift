import AuditLog
import HostIO

extension Fuzz {
    /// Reads a log file the way `search` does and checks every output format of every event:
    /// JSON Lines that parse, and terminal text (`search` on a terminal) with no control byte.
    /// Returns the events and what the reader skipped.
    @discardableResult
    static func readAndWrite(_ path: String) -> (events: [AuditEvent], skipped: [String]) {
        var stream = EventStream()
        var events: [AuditEvent] = []
        do {
            try stream.scan(files: [path]) { events.append($0) }
        } catch {
            require(false, "reading a regular file threw: \(error)")
        }
        let writers = [EventWriter(format: .raw), EventWriter(format: .default, escapeControlCharacters: true),
                       EventWriter(format: .interpret), EventWriter(format: .interpret, escapeControlCharacters: true),
                       EventWriter(format: .json)]
        for writer in writers {
            var out = OutputBuffer()
            for event in events { writer.write(event, into: &out) }
            let bytes = out.bytes
            switch writer.format {
            case .json: require(isJSONLines(bytes), "invalid JSON line in \(String(decoding: bytes, as: UTF8.self))")
            case .raw: break
            case .interpret where !writer.escapeControlCharacters: break   // as ausearch -i writes it to a pipe
            default: require(isTerminalSafe(bytes), "\(writer.format) lets a control byte reach a terminal")
            }
        }
        return (events, stream.diagnostics.examples.map(\.description))
    }
}
