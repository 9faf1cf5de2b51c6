/// Sigma rules read from YAML files, with what could not be read: a rule that asks for what
/// dockaudit does not support says so under its file's name, instead of matching nothing.
public struct SigmaRuleSet: Sendable {
    public private(set) var rules: [SigmaRule] = []
    public private(set) var problems: [(file: String, problem: String)] = []

    public init() {}

    /// Reads `files` (path and YAML text each), in order.
    public init(files: [(path: String, text: String)]) {
        for (path, text) in files {
            do { rules.append(try SigmaRule(yaml: text)) } catch {
                problems.append((path, String(describing: error)))
            }
        }
    }
}
