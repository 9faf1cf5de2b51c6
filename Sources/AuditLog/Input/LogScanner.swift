/// Reads audit logs into events: lines → records → grouped events, in ausearch's order.
///
/// Malformed lines are skipped and counted in `diagnostics`; the scan never stops for them.
public struct LogScanner {
    public private(set) var diagnostics = Diagnostics()
    /// Drops records before grouping (ausearch applies `-ts`/`-te` this way).
    public var admit: (Int64) -> Bool = { _ in true }

    public init() {}

    /// Reads `files` in order as one stream and calls `emit` with each finished event.
    /// An event made only of EOE records carries nothing and is dropped, as ausearch drops it.
    public mutating func scan(files: [String], emit: (AuditEvent) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            try scanEvents(files: files) { event in
                if event.records.contains(where: { $0.type != .eoe }) { try emit(event) }
            }
        }
    }

    private mutating func scanEvents(files: [String], emit: (AuditEvent) throws -> Void) throws {
        var assembler = EventAssembler()
        for file in files {
            var diagnostics = self.diagnostics
            let admit = self.admit
            defer { self.diagnostics = diagnostics }
            try LineReader.forEachLine(path: file) { line, number in
                guard let line else {
                    diagnostics.skip(file: file, line: number, problem: .tooLong)
                    return
                }
                if line.isEmpty { return }
                switch RecordParser.parse(line) {
                case .success(let record):
                    if admit(record.id.seconds) { try assembler.add(record, emit: emit) }
                case .failure(let problem):
                    diagnostics.skip(file: file, line: number, problem: problem)
                }
            }
        }
        try assembler.finish(emit: emit)
    }

    /// Reads in-memory text (for tests and small inputs).
    public static func events(in text: String) -> [AuditEvent] {
        var assembler = EventAssembler()
        var events: [AuditEvent] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if case .success(let record) = RecordParser.parse(String(line)) {
                assembler.add(record) { events.append($0) }
            }
        }
        assembler.finish { events.append($0) }
        return events
    }
}
