import AuditLog

/// Events from audit lines in memory, read exactly as a log file is (`MemoryLogSource`
/// through `EventStream`): the one pipeline, without a temporary file.
public func events(_ lines: [String]) -> [AuditEvent] {
    EventStream.events(in: lines.joined(separator: "\n") + "\n")
}

/// The events of `text` and what the stream skipped in it.
public func scan(_ text: String, name: String = "<memory>") -> (events: [AuditEvent], diagnostics: Diagnostics) {
    EventStream.read(text, name: name)
}
