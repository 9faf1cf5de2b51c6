/// How `ship` reaches ClickHouse: a query, with the rows after it for an INSERT. The
/// ClickHouse module's HTTP client implements it; tests may give another.
public protocol ClickHouseTransport: Sendable {
    /// The response's body, or why there is none.
    func execute(_ query: String, body: [UInt8]?) -> Result<[UInt8], ClickHouseFailure>
}

/// Why ClickHouse gave no answer, sorted by what the shipper does next.
public struct ClickHouseFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Nothing answered (refused, reset, timed out): worth waiting for.
        case unreachable
        /// The server refused the user or password.
        case credentials
        /// The server answered with an error; `retryable` for its overloads and network codes.
        case server(code: Int?, retryable: Bool)
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var isTransient: Bool {
        switch kind {
        case .unreachable: return true
        case .credentials: return false
        case .server(_, let retryable): return retryable
        }
    }

    public var description: String { message }

    /// A failure from the server's answer: ClickHouse writes `Code: N, e.displayText() = …`.
    public static func fromServer(status: Int, body: String) -> ClickHouseFailure {
        let text = body.split(separator: "\n").first.map(String.init) ?? "HTTP \(status)"
        let code = text.split(separator: "Code: ", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first
            .flatMap { Int($0.prefix { $0.isNumber }) }
        // 192 unknown user, 193 wrong password, 194 a password is required, 516 authentication failed.
        if status == 401 || status == 403 || [192, 193, 194, 516].contains(code ?? 0) {
            return ClickHouseFailure(kind: .credentials, message: "the server refused the credentials: \(text)")
        }
        // Too many queries or parts, a timeout, a network error on the server's side.
        let retryable = status == 503 || [159, 202, 209, 210, 252].contains(code ?? 0)
        return ClickHouseFailure(kind: .server(code: code, retryable: retryable), message: "the server answered \(status): \(text)")
    }
}
