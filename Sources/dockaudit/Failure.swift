import AuditLog
import AuditRules
import HostIO

/// The one place where a library's error becomes a message: each names the file and the
/// cause. `DockAudit.main` prints it after "dockaudit: " and exits with status 2, as
/// ausearch does for input it cannot read.
enum Failure {
    static func message(for error: any Error) -> String? {
        switch error {
        case let error as InputError: "\(error)"
        case let error as RulesError: "\(error)"
        case let error as HostError: "\(error)"
        default: nil
        }
    }
}
