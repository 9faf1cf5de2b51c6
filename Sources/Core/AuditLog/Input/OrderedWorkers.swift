#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Worker threads that turn batches of events into partial results (output text, report
/// tallies), which are handed on in submission order, one at a time.
final class OrderedWorkers<Partial>: @unchecked Sendable {
    private let queue: BlockingQueue<(Int, [CandidateEvent])>
    private var threads: [WorkerThread] = []
    private let make: @Sendable () -> Partial
    private let fill: @Sendable ([CandidateEvent], inout Partial) -> Void
    private let deliver: @Sendable (inout Partial) throws -> Void
    private let lock = NSLockLite()
    /// One per partial being filled or waiting for its turn: when delivery (writing to a
    /// slow file or pipe) falls behind, the workers stop, and through the queue so does the scan.
    private let slots: Tickets
    private var done: [Int: Slot] = [:]
    /// Delivered partials kept for the next batches, so their memory is allocated once.
    private var spare: [Slot] = []
    private var nextToDeliver = 0
    private var delivering = false
    private var submitted = 0
    private var failure: Error?

    /// `deliver` receives each batch's partial in order and leaves it ready for reuse.
    init(workers: Int, make: @escaping @Sendable () -> Partial,
         fill: @escaping @Sendable ([CandidateEvent], inout Partial) -> Void,
         deliver: @escaping @Sendable (inout Partial) throws -> Void) {
        self.make = make
        self.fill = fill
        self.deliver = deliver
        queue = BlockingQueue(capacity: max(2, workers * 2))
        slots = Tickets(max(2, workers * 2))
        for _ in 0..<max(1, workers) {
            threads.append(WorkerThread { [unowned self] in self.work() })
        }
    }

    /// Queues a batch; waits while the workers are busy. Throws a delivery error seen so far.
    func submit(_ batch: [CandidateEvent]) throws {
        if let failure = lock.withLock({ failure }) { throw failure }
        guard !batch.isEmpty else { return }
        queue.push((submitted, batch))
        submitted += 1
    }

    /// Waits for every batch to be delivered; throws the first delivery error.
    func finish() throws {
        for _ in threads { queue.push(nil) }
        for thread in threads { thread.join() }
        threads.removeAll()
        try lock.withLock { if let failure { throw failure } }
    }

    private func work() {
        while true {
            slots.acquire()
            guard let (sequence, batch) = queue.pop() else {
                slots.release()
                return
            }
            let slot = lock.withLock { spare.popLast() } ?? Slot(make())
            fill(batch, &slot.partial)
            let mayDeliver = lock.withLock { () -> Bool in
                done[sequence] = slot
                if delivering { return false }
                delivering = true
                return true
            }
            if mayDeliver { deliverReady() }
        }
    }

    /// Delivers the partials that are next in order, outside the lock so the other workers
    /// can hand in theirs meanwhile; one thread delivers at a time.
    private func deliverReady() {
        while true {
            let next: Slot? = lock.withLock {
                guard let ready = done.removeValue(forKey: nextToDeliver) else {
                    delivering = false
                    return nil
                }
                nextToDeliver += 1
                return ready
            }
            guard let ready = next else { return }
            defer { slots.release() }
            guard lock.withLock({ failure == nil }) else { continue }
            do {
                try deliver(&ready.partial)
                lock.withLock { spare.append(ready) }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// A batch's partial, kept until its turn.
    private final class Slot {
        var partial: Partial
        init(_ partial: Partial) { self.partial = partial }
    }
}
