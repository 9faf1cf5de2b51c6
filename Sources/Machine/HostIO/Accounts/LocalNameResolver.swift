#if canImport(Glibc)
import Glibc
#endif
import AuditLog

/// Looks names up in this machine's account database (getpwuid_r / getgrgid_r), caching answers.
public final class LocalNameResolver: NameResolver, @unchecked Sendable {
    private var users: [UInt32: String?] = [:]
    private var groups: [UInt32: String?] = [:]
    private let lock = NSLockLite()

    public init() {}

    public func userName(_ uid: UInt32) -> String? {
        lock.withLock {
            if let cached = users[uid] { return cached }
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: 4096)
            let name: String? = getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0 && result != nil
                ? String(cString: entry.pw_name) : nil
            users[uid] = name
            return name
        }
    }

    public func groupName(_ gid: UInt32) -> String? {
        lock.withLock {
            if let cached = groups[gid] { return cached }
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: 4096)
            let name: String? = getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0 && result != nil
                ? String(cString: entry.gr_name) : nil
            groups[gid] = name
            return name
        }
    }

    /// The uid of a local user name, for `-ua alice`.
    public static func uid(of name: String) -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.pw_uid
    }

    /// The gid of a local group name.
    public static func gid(of name: String) -> UInt32? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.gr_gid
    }
}
