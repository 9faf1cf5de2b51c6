import ArgumentParser

/// Every command's `--format`: one type, so a value means the same everywhere. Any word
/// parses; each command then takes the formats it can write (`accept`), and says which.
struct OutputChoice: RawRepresentable, Hashable, ExpressibleByArgument {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    init?(argument: String) { self.init(rawValue: argument) }
    var defaultValueDescription: String { rawValue }

    /// People: plain text (sentences for `search`).
    static let text = OutputChoice(rawValue: "text")
    /// Pipelines: JSON (JSON Lines for `search`).
    static let json = OutputChoice(rawValue: "json")
    /// CI: JUnit XML and SARIF (`check`).
    static let junit = OutputChoice(rawValue: "junit"), sarif = OutputChoice(rawValue: "sarif")
    /// ausearch's own formats (`search`).
    static let `default` = OutputChoice(rawValue: "default"), raw = OutputChoice(rawValue: "raw")
    static let interpret = OutputChoice(rawValue: "interpret")

    /// Throws the usage error naming the formats the command takes, unless `self` is one.
    func accept(_ formats: [OutputChoice]) throws {
        guard formats.contains(self) else {
            let names = formats.map(\.rawValue)
            let list = names.count == 2 ? names.joined(separator: " or ")
                : names.dropLast().joined(separator: ", ") + " or " + names.last!
            throw ValidationError("--format takes \(list), not '\(rawValue)'")
        }
    }
}

/// `--format text|json`, the choice of most commands.
struct TextOrJSONOption: ParsableArguments {
    @Option(help: "text or json.") var format: OutputChoice = .text

    var isJSON: Bool { format == .json }

    func validate() throws { try format.accept([.text, .json]) }
}
