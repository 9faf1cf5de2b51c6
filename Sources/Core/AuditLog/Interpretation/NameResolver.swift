#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns uids and gids into names. The ENRICHED part of a record wins (it holds the
/// names of the machine that wrote the log); otherwise the local account database.
public protocol NameResolver: Sendable {
    func userName(_ uid: UInt32) -> String?
    func groupName(_ gid: UInt32) -> String?
}

/// No account database: names come from the records' ENRICHED part or not at all (numbers
/// stay numbers). HostIO's `LocalNameResolver` asks this machine's.
public struct NoAccountNames: NameResolver {
    public init() {}
    public func userName(_ uid: UInt32) -> String? { nil }
    public func groupName(_ gid: UInt32) -> String? { nil }
}

/// A pthread mutex, so caches and queues can be shared between threads without Foundation.
package final class NSLockLite: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    package init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    package func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
