import DequeModule

/// Reads audit logs into events, in ausearch's grouping and order.
///
/// Reader threads take turns over the blocks of the input (block n goes to reader
/// n mod `indexingThreads`; a pipe has one reader) and locate every line's header and the
/// lines holding the needle; the calling thread takes the blocks back in order and
/// groups their lines into events. Lines stay in their blocks until their event is
/// emitted; only events that may match (one of their lines holds the needle, or there
/// is none) are copied out as `AuditEvent`s. Memory is bounded: at most
/// `maximumRetainedBytes` of blocks are kept, past which the oldest pending events are
/// finished early. The bound is in bytes, not blocks, so a pipe (read in small blocks)
/// groups exactly as the same bytes in a file do.
public struct EventStream {
    /// What a matching event must contain (see `SearchCriteria.needle`); nil reads every event.
    package var needle: Needle?
    /// Keeps only records whose second is in this range, before grouping (as ausearch applies `-ts`/`-te`).
    package var timeRange: ClosedRange<Int64>?
    var maximumRetainedBytes = 8 * BlockPlan.blockSize
    /// Threads that locate lines in blocks, each taking every n-th block.
    var indexingThreads = 2
    public private(set) var diagnostics = Diagnostics()
    /// Called on the grouping thread after each block with the bytes read so far (for progress displays).
    public var onProgress: ((_ bytesRead: Int) -> Void)?

    public init() {}

    /// Reads `sources` in order as one stream; calls `emit` with each candidate event.
    /// An event made only of EOE records carries nothing and is dropped, as ausearch drops it.
    /// (HostIO's `scan(files:)` opens files by path.)
    public mutating func scan(_ sources: [any LogSource], emit: (AuditEvent) throws -> Void) throws {
        try scanCandidates(sources) { candidate in try emit(candidate.event()) }
    }

    /// Every event of audit text in memory, read as a file is read; malformed lines are skipped.
    public static func events(in text: String) -> [AuditEvent] { read(text).events }

    /// The events of `text`, and what the stream skipped in it (its diagnostics name `name`).
    public static func read(_ text: String, name: String = "<memory>") -> (events: [AuditEvent], diagnostics: Diagnostics) {
        var stream = EventStream()
        var events: [AuditEvent] = []
        // Bytes in memory cannot fail to open or read.
        try? stream.scan([MemoryLogSource(text: text, name: name)]) { events.append($0) }
        return (events, stream.diagnostics)
    }

    /// Like `scan`, but hands each candidate event to `workers` threads in batches: `handle`
    /// runs there and writes into the batch's buffer; its second argument tells whether a line
    /// of the event proved the needle (see `Needle.proof`). `output` receives the buffers in
    /// the order of the events, on one thread at a time. Returns the sum of `handle`'s results.
    public mutating func scan(_ sources: [any LogSource], workers: Int,
                              handle: @escaping @Sendable (AuditEvent, Bool, inout OutputBuffer) -> Int,
                              output: @escaping @Sendable (inout OutputBuffer) throws -> Void) throws -> Int {
        let total = DeliveredCount()
        try scan(sources, workers: workers, makePartial: { CountedOutput() }, fill: { event, proven, partial in
            partial.count += handle(event, proven, &partial.buffer)
        }, deliver: { partial in
            total.value += partial.count
            partial.count = 0
            try output(&partial.buffer)
            partial.buffer.removeAll()
        })
        return total.value
    }

    /// The parallel scan in general: `fill` folds each candidate event of a batch into that
    /// batch's partial result on one of `workers` threads (reports keep tallies there);
    /// `deliver` receives the partials in the order of the events, one at a time, and
    /// leaves each ready to be filled again.
    public mutating func scan<Partial>(_ sources: [any LogSource], workers: Int,
                                       makePartial: @escaping @Sendable () -> Partial,
                                       fill: @escaping @Sendable (AuditEvent, Bool, inout Partial) -> Void,
                                       deliver: @escaping @Sendable (inout Partial) throws -> Void) throws {
        let pool = OrderedWorkers(workers: workers, make: makePartial, fill: { batch, partial in
            for candidate in batch { fill(candidate.event(), candidate.proven, &partial) }
        }, deliver: deliver)
        var batch: [CandidateEvent] = []
        do {
            try scanCandidates(sources) { candidate in
                // A batch keeps the blocks its events point into: when matches are sparse,
                // 512 of them would hold hundreds of MiB of the log, so a batch also ends
                // where its events reach a block after its first one's.
                if let first = batch.first?.chunks.first, candidate.chunks.first.map({ $0.sequence > first.sequence }) == true {
                    try pool.submit(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                batch.append(candidate)
                if batch.count >= 512 {
                    try pool.submit(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try pool.submit(batch)
        } catch {
            try? pool.finish()
            throw error
        }
        try pool.finish()
    }

    private mutating func scanCandidates(_ sources: [any LogSource], emit: (CandidateEvent) throws -> Void) throws {
        let readerCount = sources.allSatisfy(\.isShareable) ? max(1, indexingThreads) : 1
        let queues = (0..<readerCount).map { _ in BlockingQueue<Result<LineChunk, InputError>>(capacity: 2) }
        let needle = self.needle
        let readers = (0..<readerCount).map { share in
            WorkerThread {
                let queue = queues[share]
                var sequence = 0
                do {
                    for source in sources {
                        try source.forEachSegment { segment in
                            defer { sequence += 1 }
                            guard sequence % readerCount == share else { return }
                            switch segment {
                            case .block(let makeBlock):
                                queue.push(.success(LineChunk(sequence: sequence, file: source.name, bytes: makeBlock(),
                                                              needle: needle)))
                            case .tooLongLine:
                                queue.push(.success(LineChunk(sequence: sequence, file: source.name, tooLongLine: ())))
                            }
                        }
                    }
                } catch let error as InputError {
                    queue.push(.failure(error))
                } catch {
                    queue.push(.failure(InputError(path: "<input>", reason: String(describing: error))))
                }
                queue.push(nil)
            }
        }
        var state = GroupingState(needlesGiven: needle != nil, needleProves: needle?.proof != nil,
                                  maximumRetainedBytes: maximumRetainedBytes)
        var failure: Error?
        var lineBase = 0
        var currentFile = ""
        var bytesRead = 0
        var turn = 0
        var ended = Array(repeating: false, count: readerCount)
        while true {
            guard let item = queues[turn].pop() else {
                ended[turn] = true
                break
            }
            turn = (turn + 1) % readerCount
            if failure != nil { continue }   // drain so the readers can finish
            do {
                let chunk = try item.get()
                if chunk.file != currentFile { currentFile = chunk.file; lineBase = 0 }
                for (line, problem) in chunk.problems {
                    diagnostics.skip(file: chunk.file, line: lineBase + line + 1, problem: problem)
                }
                lineBase += chunk.lineCount
                try state.add(chunk, timeRange: timeRange, emit: emit)
                if let onProgress {
                    bytesRead += chunk.bytes.buffer.count
                    onProgress(bytesRead)
                }
            } catch {
                failure = error
            }
        }
        for (index, queue) in queues.enumerated() where !ended[index] { while queue.pop() != nil {} }
        for reader in readers { reader.join() }
        if let failure { throw failure }
        try state.finish(emit: emit)
    }
}

/// The consumer side of `EventStream`: groups indexed lines into events, keeping the
/// blocks their lines point into, with a count of pending lines per block.
private struct GroupingState {
    let needlesGiven: Bool
    let needleProves: Bool
    let maximumRetainedBytes: Int
    var coalescer = Coalescer<IndexedLine>()
    var finished = FinishedEvents<IndexedLine>()
    var blocks = Deque<LineChunk>()
    var pendingLines = Deque<Int>()
    var firstSequence = 0
    var retainedBytes = 0

    init(needlesGiven: Bool, needleProves: Bool, maximumRetainedBytes: Int) {
        self.needlesGiven = needlesGiven
        self.needleProves = needleProves
        self.maximumRetainedBytes = maximumRetainedBytes
    }

    mutating func add(_ chunk: LineChunk, timeRange: ClosedRange<Int64>?, emit: (CandidateEvent) throws -> Void) throws {
        if blocks.isEmpty { firstSequence = chunk.sequence }
        blocks.append(chunk)
        retainedBytes += chunk.bytes.buffer.count
        pendingLines.append(0)
        let position = blocks.count - 1
        for line in chunk.lines {
            if let timeRange, !timeRange.contains(line.key.seconds) { continue }
            pendingLines[position] += 1
            coalescer.add(line, into: &finished)
        }
        try deliver(emit)
        release()
        while retainedBytes > maximumRetainedBytes, blocks.count > 1, coalescer.finishOldest(into: &finished) {
            try deliver(emit)
            release()
        }
    }

    mutating func finish(emit: (CandidateEvent) throws -> Void) throws {
        coalescer.finish(into: &finished)
        try deliver(emit)
    }

    /// Passes on the finished events that may match, and forgets their lines.
    private mutating func deliver(_ emit: (CandidateEvent) throws -> Void) throws {
        guard !finished.isEmpty else { return }
        defer { finished.removeAll() }
        try finished.forEach { lines in
            var candidate = !needlesGiven
            var onlyEOE = true
            for line in lines {
                pendingLines[Int(line.chunk) - firstSequence] -= 1
                if line.hit { candidate = true }
                if line.type != MessageType.eoe.number { onlyEOE = false }
            }
            guard candidate, !onlyEOE else { return }
            var chunks: [LineChunk] = []
            for line in lines where !chunks.contains(where: { $0.sequence == Int(line.chunk) }) {
                chunks.append(blocks[Int(line.chunk) - firstSequence])
            }
            try emit(CandidateEvent(lines: Array(lines), chunks: chunks, proven: needleProves && candidate))
        }
    }

    /// Drops the oldest blocks no pending line points into, keeping the newest (lines may still join it).
    private mutating func release() {
        while blocks.count > 1, pendingLines[0] <= 0 {
            retainedBytes -= blocks.removeFirst().bytes.buffer.count
            pendingLines.removeFirst()
            firstSequence += 1
        }
    }
}

/// A finished event that may match, still pointing into its blocks (which it keeps alive).
struct CandidateEvent: @unchecked Sendable {
    let lines: [IndexedLine]
    let chunks: [LineChunk]
    /// A line proved the needle (see `Needle.proof`).
    let proven: Bool

    func event() -> AuditEvent {
        let records = lines.map { line in line.record(in: chunks.first { $0.sequence == Int(line.chunk) }!) }
        return AuditEvent(id: records[0].id, records: records)
    }
}

/// A batch's output and how many events it holds (a class: the buffer cannot be copied).
private final class CountedOutput {
    var buffer = OutputBuffer()
    var count = 0
}

/// The delivered events' count; only the one delivering thread writes it.
private final class DeliveredCount: @unchecked Sendable {
    var value = 0
}
