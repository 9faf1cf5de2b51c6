#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Worker threads that turn batches of events into output, which leaves in submission order.
final class OrderedWorkers: @unchecked Sendable {
    private let queue: BlockingQueue<(Int, [CandidateEvent])>
    private var threads: [WorkerThread] = []
    private let handle: @Sendable (AuditEvent, Bool, inout OutputBuffer) -> Int
    private let output: @Sendable (inout OutputBuffer) throws -> Void
    private let lock = NSLockLite()
    private var done: [Int: FinishedOutput] = [:]
    /// Written buffers kept for the next batches, so their memory is allocated once.
    private var spare: [FinishedOutput] = []
    private var nextToWrite = 0
    private var writing = false
    private var submitted = 0
    private var total = 0
    private var failure: Error?

    init(workers: Int, handle: @escaping @Sendable (AuditEvent, Bool, inout OutputBuffer) -> Int,
         output: @escaping @Sendable (inout OutputBuffer) throws -> Void) {
        self.handle = handle
        self.output = output
        queue = BlockingQueue(capacity: max(2, workers * 2))
        for _ in 0..<max(1, workers) {
            threads.append(WorkerThread { [unowned self] in self.work() })
        }
    }

    /// Queues a batch; waits while the workers are busy. Throws an output error seen so far.
    func submit(_ batch: [CandidateEvent]) throws {
        if let failure = lock.withLock({ failure }) { throw failure }
        guard !batch.isEmpty else { return }
        queue.push((submitted, batch))
        submitted += 1
    }

    /// Waits for every batch to be written; returns the sum of the handler's results.
    func finish() throws -> Int {
        for _ in threads { queue.push(nil) }
        for thread in threads { thread.join() }
        threads.removeAll()
        return try lock.withLock {
            if let failure { throw failure }
            return total
        }
    }

    private func work() {
        while let (sequence, batch) = queue.pop() {
            let finished = lock.withLock { spare.popLast() } ?? FinishedOutput()
            var count = 0
            finished.fill { buffer in
                for candidate in batch { count += handle(candidate.event(), candidate.proven, &buffer) }
            }
            let mayWrite = lock.withLock { () -> Bool in
                total += count
                done[sequence] = finished
                if writing { return false }
                writing = true
                return true
            }
            if mayWrite { writeReady() }
        }
    }

    /// Writes the buffers that are next in order, outside the lock so the other workers
    /// can hand in theirs meanwhile; one thread writes at a time.
    private func writeReady() {
        while true {
            let next: FinishedOutput? = lock.withLock {
                guard let ready = done.removeValue(forKey: nextToWrite) else {
                    writing = false
                    return nil
                }
                nextToWrite += 1
                return ready
            }
            guard let ready = next else { return }
            if lock.withLock({ failure == nil }) {
                do { try output(&ready.buffer) } catch { lock.withLock { failure = error } }
            }
            ready.buffer.removeAll()
            lock.withLock { spare.append(ready) }
        }
    }
}

/// A batch's output, kept until its turn to be written.
private final class FinishedOutput {
    var buffer = OutputBuffer()

    func fill(_ body: (inout OutputBuffer) -> Void) { body(&buffer) }
}
