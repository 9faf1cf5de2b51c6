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
    /// Drops records before grouping (ausearch applies `-ts`/`-te` this way).
    public var admit: (Int64) -> Bool = { _ in true }
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
                try state.add(chunk, admit: admit, emit: emit)
            } catch {
                failure = error
            }
        }
        reader.join()
        if let failure { throw failure }
        try state.finish(emit: emit)
    }
}

/// The consumer side of `EventStream`: groups indexed lines into events.
private struct GroupingState {
    let maximumRetainedBlocks: Int
    var coalescer = Coalescer<IndexedLine>()
    let blocks: BlockStore

    init(needlesGiven: Bool, maximumRetainedBlocks: Int) {
        self.maximumRetainedBlocks = maximumRetainedBlocks
        blocks = BlockStore(needlesGiven: needlesGiven)
    }

    mutating func add(_ chunk: LineChunk, admit: (Int64) -> Bool, emit: (CandidateEvent) throws -> Void) throws {
        let blocks = self.blocks
        blocks.keep(chunk)
        for line in chunk.lines where admit(line.key.seconds) {
            blocks.retain(line)
            try coalescer.add(line) { _, lines in try blocks.deliver(lines, emit: emit) }
        }
        blocks.release()
        while blocks.count > maximumRetainedBlocks,
              try coalescer.finishOldest(emit: { _, lines in try blocks.deliver(lines, emit: emit) }) {
            blocks.release()
        }
    }

    mutating func finish(emit: (CandidateEvent) throws -> Void) throws {
        let blocks = self.blocks
        try coalescer.finish { _, lines in try blocks.deliver(lines, emit: emit) }
    }
}

/// The blocks that pending lines still point into, with a count of those lines per block.
private final class BlockStore {
    let needlesGiven: Bool
    private var blocks: [Int: LineChunk] = [:]
    private var liveLines: [Int: Int] = [:]
    private var newest = -1

    init(needlesGiven: Bool) { self.needlesGiven = needlesGiven }

    var count: Int { blocks.count }

    func keep(_ chunk: LineChunk) {
        newest = chunk.sequence
        blocks[chunk.sequence] = chunk
    }

    func retain(_ line: IndexedLine) { liveLines[Int(line.chunk), default: 0] += 1 }

    /// Passes a finished event on when it may match, and forgets its lines.
    func deliver(_ lines: [IndexedLine], emit: (CandidateEvent) throws -> Void) throws {
        var candidate = !needlesGiven
        var onlyEOE = true
        for line in lines {
            liveLines[Int(line.chunk), default: 0] -= 1
            if line.hit { candidate = true }
            if line.type != 1320 { onlyEOE = false }
        }
        guard candidate, !onlyEOE else { return }
        var chunks: [LineChunk] = []
        for line in lines where !chunks.contains(where: { $0.sequence == Int(line.chunk) }) {
            chunks.append(blocks[Int(line.chunk)]!)
        }
        try emit(CandidateEvent(lines: lines, chunks: chunks))
    }

    /// Drops blocks no pending line points into, except the newest (lines may still join it).
    func release() {
        for sequence in Array(blocks.keys) where sequence < newest && (liveLines[sequence] ?? 0) <= 0 {
            blocks[sequence] = nil
            liveLines[sequence] = nil
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
