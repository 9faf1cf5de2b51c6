#if canImport(Glibc)
import Glibc
#endif

/// Turns user and group names in rules (`-F uid=root`) into the ids the kernel keeps, as
/// auditctl does when it loads them. `none` leaves names as written (for offline files).
public struct AccountNames: Sendable {
    public var userID: @Sendable (String) -> UInt32?
    public var groupID: @Sendable (String) -> UInt32?

    public init(userID: @escaping @Sendable (String) -> UInt32?, groupID: @escaping @Sendable (String) -> UInt32?) {
        self.userID = userID
        self.groupID = groupID
    }

    public static let none = AccountNames(userID: { _ in nil }, groupID: { _ in nil })

    #if canImport(Glibc)
    /// This host's passwd and group databases.
    public static let host = AccountNames(
        userID: { name in
            var entry = passwd(), result: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: 4096)
            guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
            return entry.pw_uid
        },
        groupID: { name in
            var entry = group(), result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: 4096)
            guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
            return entry.gr_gid
        })
    #endif
}
