/// Why a rules-file line cannot be loaded as written, with where it is.
package struct RuleProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem, as a stable lint code: `syntax`, `unknown-field`,
    /// `unknown-syscall`, `bad-permission`, `key-too-long`, `too-many-fields`, `bad-file`.
    public var code: String
    public var message: String
    package var location: RuleLocation

    public init(code: String, message: String, location: RuleLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
