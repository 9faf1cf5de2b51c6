#if canImport(Glibc)
import Glibc
#endif

/// Turns user and group names in rules (`-F uid=root`) into the ids the kernel keeps, as
/// auditctl does when it loads them. `none` leaves names as written (for offline files).
public struct AccountNames: Sendable {
    package var userID: @Sendable (String) -> UInt32?
    package var groupID: @Sendable (String) -> UInt32?
    /// True when a name these lookups do not know is unknown on the audited host too, so
    /// auditctl would refuse it ("Unknown user"); false for `.none`.
    package var isComplete: Bool

    public init(userID: @escaping @Sendable (String) -> UInt32?, groupID: @escaping @Sendable (String) -> UInt32?,
                isComplete: Bool = true) {
        self.userID = userID
        self.groupID = groupID
        self.isComplete = isComplete
    }

    public static let none = AccountNames(userID: { _ in nil }, groupID: { _ in nil }, isComplete: false)

    /// The accounts of `/etc/passwd` and `/etc/group` under another root (an image, a backup).
    package static func reading(_ files: any HostFiles) -> AccountNames {
        func table(_ path: String) -> [String: UInt32] {
            guard let bytes = files.read(path) else { return [:] }
            var ids: [String: UInt32] = [:]
            for line in bytes.split(separator: 0x0A) {
                let parts = line.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                guard parts.count >= 3, let id = UInt32(String(decoding: parts[2], as: UTF8.self)) else { continue }
                ids[String(decoding: parts[0], as: UTF8.self)] = id
            }
            return ids
        }
        let users = table("/etc/passwd"), groups = table("/etc/group")
        return AccountNames(userID: { users[$0] }, groupID: { groups[$0] })
    }

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
