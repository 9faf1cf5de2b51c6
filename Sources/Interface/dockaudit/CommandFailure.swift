import AuditLog

/// A command's own reason to stop, said as the libraries say theirs (`UserFacingError`):
/// `DockAudit.main` prints it after "dockaudit: " and exits with status 2.
struct CommandFailure: UserFacingError {
    let description: String
    init(_ description: String) { self.description = description }
}
