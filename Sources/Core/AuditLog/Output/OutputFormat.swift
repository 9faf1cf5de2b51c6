/// The output formats of `dockaudit search`.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// ausearch's default: `----`, `time->…`, then the event's records, newest first, without enrichment.
    case `default`
    /// The original lines, enrichment included, in log order, nothing else (ausearch `--raw`).
    case raw
    /// `ausearch -i`: interpreted values, local dates.
    case interpret
    /// JSON Lines, one object per event (see docs/json-schema.md).
    case json
}

/// Writes events in one `OutputFormat`.
public struct EventWriter: Sendable {
    public var format: OutputFormat
    public var interpreter: Interpreter
    /// Escape control characters in everything taken from the log (set when writing to a terminal).
    public var escapeControlCharacters: Bool

    /// More members for each JSON event (`"container":{…}`), written before its closing brace.
    package var extraJSONMembers: (@Sendable (AuditEvent, inout JSONWriter) -> Void)?

    public init(format: OutputFormat, interpreter: Interpreter = Interpreter(), escapeControlCharacters: Bool = false) {
        self.format = format
        self.interpreter = interpreter
        self.escapeControlCharacters = escapeControlCharacters
    }

    public func write(_ event: AuditEvent, into out: inout OutputBuffer) {
        switch format {
        case .raw:
            // As ausearch: once any record of an event is enriched, every record is written
            // with the 0x1D separator, even one with nothing after it.
            let enriched = event.records.contains { $0.isEnriched }
            for record in event.records {
                line(record.bytes[...], separator: enriched && !record.isEnriched, into: &out)
            }
        case .default:
            out.append("----\ntime->")
            out.append(TimeText.ctimeStyle(event.id.seconds))
            out.append(byte: 0x0A)
            for record in event.records.reversed() { line(record.rawBytes, into: &out) }
        case .interpret:
            out.append("----\n")
            for record in event.records.reversed() {
                guard escapeControlCharacters else {
                    InterpretedLine.write(record, interpreter: interpreter, into: &out)
                    continue
                }
                var line = OutputBuffer()
                InterpretedLine.write(record, interpreter: interpreter, into: &line)
                line.removeLast()   // the newline
                Escaping.terminalBytes(line.bytes, into: &out)   // C1 too: the C0 controls are already escaped
                out.append(byte: 0x0A)
            }
        case .json:
            JSONEventWriter.write(event, interpreter: interpreter, extraMembers: extraJSONMembers, into: &out)
        }
    }

    private func line(_ bytes: ArraySlice<UInt8>, separator: Bool = false, into out: inout OutputBuffer) {
        if escapeControlCharacters {
            Escaping.terminalBytes(bytes, into: &out)
        } else {
            out.append(bytes: bytes)
            if separator { out.append(byte: 0x1D) }
        }
        out.append(byte: 0x0A)
    }
}
