import AuditLog
import AuditRules
import HostIO

/// The one place where a library's error becomes a message: each names the file and the
/// cause. `DockAudit.main` prints it after "dockaudit: " and exits with status 2, as
/// ausearch does for input it cannot read.
/// A command's own reason to stop (exit status 2), in the same form.
struct CommandFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

enum Failure {
    static func message(for error: any Error) -> String? {
        switch error {
        case let error as InputError: "\(error)"
        case let error as RulesError: "\(error)"
        case let error as HostError: "\(error)"
        case let error as CommandFailure: error.message
        default: nil
        }
    }
}
