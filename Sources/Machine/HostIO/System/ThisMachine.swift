import AuditLog
import Glibc

extension SelectionText.Machine {
    /// This machine: its passwd and group databases, its clock and its boot time.
    public static var local: SelectionText.Machine {
        .init(userID: LocalNameResolver.uid, groupID: LocalNameResolver.gid, now: Int64(Glibc.time(nil)), bootTime: BootTime.read)
    }
}
