#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import DequeModule

/// Where a byte of a followed log is: the file (device and inode, which survive a rename)
/// and the offset in it.
public struct LogPosition: Sendable, Equatable, Codable {
    public var device: UInt64
    public var inode: UInt64
    public var offset: Int64

    public init(device: UInt64, inode: UInt64, offset: Int64) {
        self.device = device
        self.inode = inode
        self.offset = offset
    }
}

/// Groups a live stream into events as its bytes arrive, in any pieces: the push-driven
/// twin of `EventStream`, for a followed log and auditd's plugin stream.
///
/// Bytes may end inside a line; the rest of the line waits for the next piece (or for
/// `endOfFile`). Events finish as in a file (ausearch's grouping), at an EOE record, or
/// when the input has been quiet for `quietSeconds` (`tick`): a followed file has no EOE,
/// and an event's last record may be the last line for a while.
///
/// With positions, it knows where a restart must read again so that nothing is lost
/// (`resumePosition`: the oldest line of an event not yet emitted) and which events after
/// that point it already emitted (`emittedAfterResume`), so a restart given them
/// (`alreadyEmitted`) emits nothing twice.
public struct LiveGrouper {
    /// Finishes pending events after this long without input.
    public var quietSeconds = 2.0
    /// Keeps only records whose second is in this range (`-ts`/`-te`).
    public var timeRange: ClosedRange<Int64>?
    /// Events a previous run emitted after its resume position: dropped once when they come again.
    public var alreadyEmitted: Set<EventID> = []
    public private(set) var diagnostics = Diagnostics()

    private struct Line: Groupable {
        var record: AuditRecord
        var segment: Int
        var groupKey: EventKey { EventKey(record.id) }
        var typeNumber: Int { record.type.number }
    }

    /// The lines of one `add`, from where its first line began, with how many are in events not yet emitted.
    private struct Segment {
        var start: LogPosition?
        var pending: Int
    }

    private var coalescer = Coalescer<Line>()
    private var finished = FinishedEvents<Line>()
    private var partial: [UInt8] = []
    private var partialStart: LogPosition?
    private var segments = Deque<Segment>()
    private var firstSegment = 0
    private var end: LogPosition?
    private var emitted = Deque<(id: EventID, lastSegment: Int)>()
    private var lastInput = 0.0
    private var source = "<input>"
    private var lineNumber = 0

    public init() {
        coalescer.finishesOnEOE = true
    }

    /// Nothing is waiting: no event being built and no partial line.
    public var isIdle: Bool { coalescer.isEmpty && partial.isEmpty }

    /// Where a restart reads again: the start of the oldest line in an event not yet emitted,
    /// else of a partial line, else the end of what was read (nil without positions).
    public var resumePosition: LogPosition? {
        segments.first { $0.pending > 0 }?.start ?? partialStart ?? end
    }

    /// Events emitted whose lines lie at or after `resumePosition`, oldest first.
    public var emittedAfterResume: [EventID] { emitted.map(\.id) }

    /// The next bytes come from `name`, whose first line is line `line` (1-based), for diagnostics.
    public mutating func startSource(_ name: String, line: Int = 1) {
        source = name
        lineNumber = line - 1
    }

    /// Takes in the next bytes, which begin at `position` (nil when the input has no
    /// positions, as a pipe); `now` is the clock `tick` is given.
    public mutating func add(_ bytes: UnsafeRawBufferPointer, at position: LogPosition?, now: Double,
                             emit: (AuditEvent) throws -> Void) rethrows {
        guard bytes.count > 0 else { return }
        lastInput = now
        let tracksPositions = position != nil
        let segment = firstSegment + segments.count
        var lines = 0
        var lineStart: LogPosition? = partial.isEmpty ? position : partialStart
        var start = 0
        let base = bytes.bindMemory(to: UInt8.self)
        while start < base.count {
            guard let found = memchr(base.baseAddress! + start, 0x0A, base.count - start) else {
                if partial.isEmpty { partialStart = position.map { advanced($0, by: start) } }
                partial.append(contentsOf: base[start...])
                break
            }
            let newline = base.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if partial.isEmpty {
                take(UnsafeBufferPointer(rebasing: base[start..<newline]), segment: segment, counted: &lines)
            } else {
                partial.append(contentsOf: base[start..<newline])
                partial.withUnsafeBufferPointer { take($0, segment: segment, counted: &lines) }
                partial.removeAll(keepingCapacity: true)
                partialStart = nil
            }
            start = newline + 1
        }
        if tracksPositions {
            if lineStart == nil { lineStart = position }
            segments.append(Segment(start: lineStart, pending: lines))
            end = position.map { advanced($0, by: base.count) }
        }
        try deliver(emit)
    }

    /// The file ends here (it was rotated away or the input closed): a partial last line is taken as whole.
    public mutating func endOfFile(emit: (AuditEvent) throws -> Void) rethrows {
        guard !partial.isEmpty else { return }
        var lines = 0
        let segment = firstSegment + segments.count
        let start = partialStart
        partial.withUnsafeBufferPointer { take($0, segment: segment, counted: &lines) }
        partial.removeAll(keepingCapacity: true)
        partialStart = nil
        if start != nil { segments.append(Segment(start: start, pending: lines)) }
        try deliver(emit)
    }

    /// Finishes every pending event once the input has been quiet for `quietSeconds`.
    public mutating func tick(now: Double, emit: (AuditEvent) throws -> Void) rethrows {
        guard !coalescer.isEmpty, now - lastInput >= quietSeconds else { return }
        coalescer.finish(into: &finished)
        try deliver(emit)
    }

    /// Ends the input and emits every pending event. A partial line is taken as whole when the
    /// input has ended (a pipe closed); a follower stopping in a file still being written
    /// leaves it, and `resumePosition` still points at it for the next start.
    public mutating func finish(takingPartialLine: Bool = true, emit: (AuditEvent) throws -> Void) rethrows {
        if takingPartialLine { try endOfFile(emit: emit) }
        coalescer.finish(into: &finished)
        try deliver(emit)
    }

    private mutating func take(_ line: UnsafeBufferPointer<UInt8>, segment: Int, counted lines: inout Int) {
        lineNumber += 1
        guard line.count > 0 else { return }
        guard line.count <= RecordParser.maximumLineLength else {
            diagnostics.skip(file: source, line: lineNumber, problem: .tooLong)
            return
        }
        switch RecordParser.parse(line) {
        case .failure(let problem):
            diagnostics.skip(file: source, line: lineNumber, problem: problem)
        case .success(let record):
            if let timeRange, !timeRange.contains(record.id.seconds) { return }
            lines += 1
            coalescer.add(Line(record: record, segment: segment), into: &finished)
        }
    }

    private mutating func deliver(_ emit: (AuditEvent) throws -> Void) rethrows {
        guard !finished.isEmpty else { return }
        defer { finished.removeAll() }
        try finished.forEach { lines in
            var lastSegment = 0
            for line in lines where line.segment - firstSegment < segments.count && line.segment >= firstSegment {
                segments[line.segment - firstSegment].pending -= 1
                lastSegment = max(lastSegment, line.segment)
            }
            // EOE ends the event and carries nothing: the event is written as the log has it.
            let records = lines.compactMap { $0.record.type == .eoe ? nil : $0.record }
            guard !records.isEmpty else { return }
            let id = records[0].id
            if !segments.isEmpty { emitted.append((id, lastSegment)) }
            if alreadyEmitted.remove(id) != nil { return }
            try emit(AuditEvent(id: id, records: records))
        }
        while segments.count > 1, segments[0].pending <= 0 {
            segments.removeFirst()
            firstSegment += 1
        }
        let resumeSegment = segments.firstIndex { $0.pending > 0 }.map { $0 + firstSegment } ?? firstSegment + segments.count
        while let oldest = emitted.first, oldest.lastSegment < resumeSegment { emitted.removeFirst() }
    }

    private func advanced(_ position: LogPosition, by count: Int) -> LogPosition {
        LogPosition(device: position.device, inode: position.inode, offset: position.offset + Int64(count))
    }
}
