#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded first-in first-out queue between two threads; `nil` marks the end.
final class BlockingQueue<Element>: @unchecked Sendable {
    private var items: [Element?] = []
    private let capacity: Int
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()

    init(capacity: Int) {
        self.capacity = capacity
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// Waits while the queue is full. Pass nil to end the stream.
    func push(_ item: Element?) {
        pthread_mutex_lock(&mutex)
        while items.count >= capacity { pthread_cond_wait(&changed, &mutex) }
        items.append(item)
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    /// Waits for the next item; nil at the end of the stream.
    func pop() -> Element? {
        pthread_mutex_lock(&mutex)
        while items.isEmpty { pthread_cond_wait(&changed, &mutex) }
        let item = items.removeFirst()
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
        return item
    }
}

/// A count of tickets; `acquire` waits while none is left. Bounds how much work is held
/// between threads when the consumer is slower than the producers.
final class Tickets: @unchecked Sendable {
    private var left: Int
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()

    init(_ count: Int) {
        left = count
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    func acquire() {
        pthread_mutex_lock(&mutex)
        while left == 0 { pthread_cond_wait(&changed, &mutex) }
        left -= 1
        pthread_mutex_unlock(&mutex)
    }

    func release() {
        pthread_mutex_lock(&mutex)
        left += 1
        pthread_cond_signal(&changed)
        pthread_mutex_unlock(&mutex)
    }
}

/// Runs `body` on a new thread; `join()` waits for it.
final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
        let box = Unmanaged.passRetained(self)
        pthread_create(&thread, nil, { raw in
            let worker = Unmanaged<WorkerThread>.fromOpaque(raw!).takeRetainedValue()
            worker.body()
            return nil
        }, box.toOpaque())
    }

    func join() { pthread_join(thread, nil) }
}
