import DequeModule

/// Reads audit logs into events, in ausearch's grouping and order, using two threads:
/// one reads blocks and locates every line's header (and the lines holding a needle),
/// the caller's thread groups the lines into events.
///
/// Lines stay in their blocks until their event is emitted; only events that may match
/// (one of their lines holds a needle, or there are no needles) are copied out as
/// `AuditEvent`s. Memory is bounded: at most `maximumRetainedBlocks` blocks are kept,
/// past which the oldest pending events are finished early.
public struct EventStream {
    /// What a matching event must contain (see `SearchCriteria.needle`); nil reads every event.
    public var needle: Needle?
    /// Keeps only records whose second is in this range, before grouping (as ausearch applies `-ts`/`-te`).
    public var timeRange: ClosedRange<Int64>?
    public var maximumRetainedBlocks = 12
    public private(set) var diagnostics = Diagnostics()

    public init() {}

    /// Reads `files` in order as one stream; calls `emit` with each candidate event.
    /// An event made only of EOE records carries nothing and is dropped, as ausearch drops it.
    public mutating func scan(files: [String], emit: (AuditEvent) throws -> Void) throws {
        try scanCandidates(files: files) { candidate in try emit(candidate.event()) }
    }

    /// Like `scan`, but hands each candidate event to `workers` threads in batches: `handle`
    /// runs there and writes into the batch's buffer; `output` receives the buffers in the
    /// order of the events, on one thread at a time. Returns the sum of `handle`'s results.
    public mutating func scan(files: [String], workers: Int,
                              handle: @escaping @Sendable (AuditEvent, inout OutputBuffer) -> Int,
                              output: @escaping @Sendable (inout OutputBuffer) throws -> Void) throws -> Int {
        let pool = OrderedWorkers(workers: workers, handle: handle, output: output)
        var batch: [CandidateEvent] = []
        do {
            try scanCandidates(files: files) { candidate in
                batch.append(candidate)
                if batch.count >= 256 {
                    try pool.submit(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try pool.submit(batch)
        } catch {
            _ = try? pool.finish()
            throw error
        }
        return try pool.finish()
    }

    private mutating func scanCandidates(files: [String], emit: (CandidateEvent) throws -> Void) throws {
        let queue = BlockingQueue<Result<LineChunk, InputError>>(capacity: 4)
        let needle = self.needle
        let reader = WorkerThread {
            var sequence = 0
            for file in files {
                do {
                    try ChunkReader.read(path: file, chunk: { bytes in
                        queue.push(.success(LineChunk(sequence: sequence, file: file, bytes: bytes, needle: needle)))
                        sequence += 1
                    }, tooLongLine: {
                        queue.push(.success(LineChunk(sequence: sequence, file: file, tooLongLine: ())))
                        sequence += 1
                    })
                } catch let error as InputError {
                    queue.push(.failure(error))
                    break
                } catch {
                    break
                }
            }
            queue.push(nil)
        }
        var state = GroupingState(needlesGiven: needle != nil, maximumRetainedBlocks: maximumRetainedBlocks)
        var failure: Error?
        var lineBase = 0
        var currentFile = ""
        while let item = queue.pop() {
            if failure != nil { continue }   // drain so the reader can finish
            do {
                let chunk = try item.get()
                if chunk.file != currentFile { currentFile = chunk.file; lineBase = 0 }
                for (line, problem) in chunk.problems {
                    diagnostics.skip(file: chunk.file, line: lineBase + line + 1, problem: problem)
                }
                lineBase += chunk.lineCount
                try state.add(chunk, timeRange: timeRange, emit: emit)
            } catch {
                failure = error
            }
        }
        reader.join()
        if let failure { throw failure }
        try state.finish(emit: emit)
    }
}

/// The consumer side of `EventStream`: groups indexed lines into events, keeping the
/// blocks their lines point into, with a count of pending lines per block.
private struct GroupingState {
    let needlesGiven: Bool
    let maximumRetainedBlocks: Int
    var coalescer = Coalescer<IndexedLine>()
    var finished = FinishedEvents<IndexedLine>()
    var blocks = Deque<LineChunk>()
    var pendingLines = Deque<Int>()
    var firstSequence = 0

    init(needlesGiven: Bool, maximumRetainedBlocks: Int) {
        self.needlesGiven = needlesGiven
        self.maximumRetainedBlocks = maximumRetainedBlocks
    }

    mutating func add(_ chunk: LineChunk, timeRange: ClosedRange<Int64>?, emit: (CandidateEvent) throws -> Void) throws {
        if blocks.isEmpty { firstSequence = chunk.sequence }
        blocks.append(chunk)
        pendingLines.append(0)
        let position = blocks.count - 1
        for line in chunk.lines {
            if let timeRange, !timeRange.contains(line.key.seconds) { continue }
            pendingLines[position] += 1
            coalescer.add(line, into: &finished)
        }
        try deliver(emit)
        release()
        while blocks.count > maximumRetainedBlocks, coalescer.finishOldest(into: &finished) {
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
                if line.type != 1320 { onlyEOE = false }
            }
            guard candidate, !onlyEOE else { return }
            var chunks: [LineChunk] = []
            for line in lines where !chunks.contains(where: { $0.sequence == Int(line.chunk) }) {
                chunks.append(blocks[Int(line.chunk) - firstSequence])
            }
            try emit(CandidateEvent(lines: Array(lines), chunks: chunks))
        }
    }

    /// Drops the oldest blocks no pending line points into, keeping the newest (lines may still join it).
    private mutating func release() {
        while blocks.count > 1, pendingLines[0] <= 0 {
            blocks.removeFirst()
            pendingLines.removeFirst()
            firstSequence += 1
        }
    }
}

/// A finished event that may match, still pointing into its blocks (which it keeps alive).
struct CandidateEvent: @unchecked Sendable {
    let lines: [IndexedLine]
    let chunks: [LineChunk]

    func event() -> AuditEvent {
        let records = lines.map { line in line.record(in: chunks.first { $0.sequence == Int(line.chunk) }!) }
        return AuditEvent(id: records[0].id, records: records)
    }
}
