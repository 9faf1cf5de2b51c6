/// One input of the log engine: a file (or `-`, standard input) by path, or bytes already
/// in memory. Every input goes through the same blocks, grouping and order (`EventStream`),
/// so what a test reads from memory is read exactly as production reads a file.
public enum LogInput: Sendable, Equatable {
    case path(String)
    /// `name` stands for the file in diagnostics ("skipped line 3 of NAME").
    case bytes([UInt8], name: String)

    /// Text in memory, named `name` in diagnostics.
    public static func text(_ text: String, name: String = "<memory>") -> LogInput {
        .bytes(Array(text.utf8), name: name)
    }

    /// The name diagnostics give this input.
    public var name: String {
        switch self {
        case .path(let path): path
        case .bytes(_, let name): name
        }
    }
}
