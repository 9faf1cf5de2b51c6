#if canImport(Glibc)
import Glibc
#endif
import AuditLog
import DequeModule

/// Bytes handed from a reader that must never wait (auditd's pipe) to a consumer that may:
/// a bounded queue in memory that spills to a file on disk when it is full.
///
/// Order is kept: once anything is spilled, new bytes go to the file too until the consumer
/// has read the file to its end, when it is emptied and memory takes over again. The spill
/// file outlives the process: one left by an earlier run (a crash, auditd's restart after
/// EPIPE) is read first. Past `spillLimit` bytes on disk, or when the disk refuses, bytes
/// are dropped, and counted.
public final class SpillQueue: @unchecked Sendable {
    /// What the queue has done, for the stats line.
    public struct Counters: Sendable, Equatable {
        public var spilledBytes = 0
        public var spills = 0
        public var droppedBytes = 0
        /// Bytes an earlier run left in the spill file.
        public var recoveredBytes = 0
        public var maximumQueuedBytes = 0
    }

    private let memoryLimit: Int
    private let spillLimit: Int
    private let spillPath: String
    private var memory = Deque<[UInt8]>()
    private var memoryBytes = 0
    private var spillFD: Int32 = -1
    private var spillWritten = 0
    private var spillRead = 0
    private var spilling = false
    private var closed = false
    private var counters = Counters()
    private var mutex = pthread_mutex_t()
    private var ready = pthread_cond_t()

    /// - Parameters:
    ///   - memoryLimit: bytes kept in memory before spilling.
    ///   - spillPath: the spill file (created 0600); one already there is read first.
    ///   - spillLimit: the most bytes the spill file may hold.
    public init(memoryLimit: Int, spillPath: String, spillLimit: Int) throws(HostError) {
        self.memoryLimit = memoryLimit
        self.spillLimit = spillLimit
        self.spillPath = spillPath
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&ready, nil)
        spillFD = open(spillPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard spillFD >= 0 else {
            throw HostError(path: spillPath, reason: .notWritten("cannot open the spill file: \(String(cString: strerror(errno)))"))
        }
        var info = stat()
        if fstat(spillFD, &info) == 0, info.st_size > 0 {
            spillWritten = Int(info.st_size)
            spilling = true
            counters.recoveredBytes = spillWritten
        }
    }

    deinit {
        if spillFD >= 0 { Glibc.close(spillFD) }
        pthread_cond_destroy(&ready)
        pthread_mutex_destroy(&mutex)
    }

    public var snapshot: Counters {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return counters
    }

    /// Adds bytes; never waits for the consumer.
    public func push(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        pthread_mutex_lock(&mutex)
        defer {
            pthread_cond_signal(&ready)
            pthread_mutex_unlock(&mutex)
        }
        if !spilling && memoryBytes + bytes.count <= memoryLimit {
            memory.append(Array(bytes.bindMemory(to: UInt8.self)))
            memoryBytes += bytes.count
            counters.maximumQueuedBytes = max(counters.maximumQueuedBytes, memoryBytes + spillWritten - spillRead)
            return
        }
        guard spillWritten - spillRead + bytes.count <= spillLimit, writeSpill(bytes) else {
            counters.droppedBytes += bytes.count
            return
        }
        if !spilling { counters.spills += 1 }
        spilling = true
        counters.spilledBytes += bytes.count
        counters.maximumQueuedBytes = max(counters.maximumQueuedBytes, memoryBytes + spillWritten - spillRead)
    }

    /// No more bytes will come: `pop` returns nil once the queue is empty.
    public func close() {
        pthread_mutex_lock(&mutex)
        closed = true
        pthread_cond_signal(&ready)
        pthread_mutex_unlock(&mutex)
    }

    /// The oldest bytes, waiting up to `timeout` seconds for some: `.bytes`, `.timedOut`, or
    /// `.closed` when the queue is closed and empty.
    public func pop(timeout: Double) -> Popped {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        let nanoseconds = Int(deadline.tv_nsec) + Int(timeout * 1e9)
        deadline.tv_sec += nanoseconds / 1_000_000_000
        deadline.tv_nsec = nanoseconds % 1_000_000_000
        while memory.isEmpty && spillRead >= spillWritten {
            if closed { return .closed }
            if pthread_cond_timedwait(&ready, &mutex, &deadline) == ETIMEDOUT {
                return memory.isEmpty && spillRead >= spillWritten ? .timedOut : popLocked()
            }
        }
        return popLocked()
    }

    public enum Popped {
        case bytes([UInt8])
        case timedOut
        case closed
    }

    /// Memory first (it is older than anything spilled), all of it up to 1 MiB at once; then
    /// the spill file. An emptied spill file is truncated.
    private func popLocked() -> Popped {
        if !memory.isEmpty {
            var bytes = memory.removeFirst()
            while let next = memory.first, bytes.count + next.count <= 1 << 20 {
                bytes += next
                memory.removeFirst()
            }
            memoryBytes -= bytes.count
            return .bytes(bytes)
        }
        let count = min(1 << 20, spillWritten - spillRead)
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(spillFD, $0.baseAddress!, count, off_t(spillRead)) }
        guard got > 0 else {
            counters.droppedBytes += spillWritten - spillRead
            resetSpill()
            return .timedOut
        }
        spillRead += got
        if spillRead >= spillWritten { resetSpill() }
        return .bytes(Array(bytes[0..<got]))
    }

    private func resetSpill() {
        _ = ftruncate(spillFD, 0)
        spillRead = 0
        spillWritten = 0
        spilling = false
    }

    private func writeSpill(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = pwrite(spillFD, bytes.baseAddress! + offset, bytes.count - offset, off_t(spillWritten + offset))
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        spillWritten += bytes.count
        return true
    }
}
