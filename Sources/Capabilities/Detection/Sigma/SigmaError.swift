/// Why a Sigma rule cannot be used: the file or YAML is broken, or it asks for something
/// dockaudit does not support (said by name, never silently matching nothing).
public enum SigmaError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case notAuditd(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .unreadable(let why): return why
        case .notAuditd(let logsource): return "its logsource is not product: linux, service: auditd (\(logsource))"
        case .unsupported(let what): return "unsupported: \(what)"
        }
    }
}
