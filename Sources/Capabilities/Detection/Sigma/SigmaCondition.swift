/// A Sigma `condition`: selections joined by `and`, `or`, `not` and parentheses, and
/// `1 of X*`, `all of X*`, `1 of them`, `all of them`.
indirect enum SigmaCondition: Sendable, Equatable {
    case selection(String)
    case not(SigmaCondition)
    case and(SigmaCondition, SigmaCondition)
    case or(SigmaCondition, SigmaCondition)
    /// `1 of pattern` (any) or `all of pattern`; the pattern may end in `*`, or be `them`.
    case of(all: Bool, pattern: String)

    /// Reads a condition; the names it uses must be among `selections`.
    static func parse(_ text: String, selections: Set<String>) throws(SigmaError) -> SigmaCondition {
        if text.contains("|") { throw SigmaError.unsupported("aggregations in conditions ('\(text)')") }
        var parser = Parser(tokens: tokenize(text), selections: selections, text: text)
        let condition = try parser.expression()
        guard parser.position == parser.tokens.count else {
            throw SigmaError.unsupported("condition '\(text)': unexpected '\(parser.tokens[parser.position])'")
        }
        return condition
    }

    /// The condition over selection numbers (their places in `names`), with `1 of`/`all of`
    /// resolved to the selections they name: evaluated per record, it hashes no names.
    func compiled(names: [String]) -> Compiled {
        switch self {
        case .selection(let name): return .selection(names.firstIndex(of: name)!)
        case .not(let inner): return .not(inner.compiled(names: names))
        case .and(let a, let b): return .and(a.compiled(names: names), b.compiled(names: names))
        case .or(let a, let b): return .or(a.compiled(names: names), b.compiled(names: names))
        case .of(let all, let pattern): return .of(all: all, names.indices.filter { Self.name(names[$0], fits: pattern) })
        }
    }

    indirect enum Compiled: Sendable {
        case selection(Int)
        case not(Compiled)
        case and(Compiled, Compiled)
        case or(Compiled, Compiled)
        case of(all: Bool, [Int])

        func matches(_ selected: (Int) -> Bool) -> Bool {
            switch self {
            case .selection(let index): return selected(index)
            case .not(let inner): return !inner.matches(selected)
            case .and(let a, let b): return a.matches(selected) && b.matches(selected)
            case .or(let a, let b): return a.matches(selected) || b.matches(selected)
            case .of(let all, let chosen): return all ? !chosen.isEmpty && chosen.allSatisfy(selected) : chosen.contains(where: selected)
            }
        }
    }

    static func name(_ name: String, fits pattern: String) -> Bool {
        if pattern == "them" { return true }
        if pattern.hasSuffix("*") { return name.hasPrefix(pattern.dropLast()) }
        return name == pattern
    }

    private static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "(" || character == ")" || character.isWhitespace {
                if !current.isEmpty { tokens.append(current); current = "" }
                if !character.isWhitespace { tokens.append(String(character)) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private struct Parser {
        let tokens: [String]
        let selections: Set<String>
        let text: String
        var position = 0

        init(tokens: [String], selections: Set<String>, text: String) {
            self.tokens = tokens
            self.selections = selections
            self.text = text
        }

        mutating func expression() throws(SigmaError) -> SigmaCondition {
            var left = try conjunction()
            while peek() == "or" {
                position += 1
                left = .or(left, try conjunction())
            }
            return left
        }

        mutating func conjunction() throws(SigmaError) -> SigmaCondition {
            var left = try negation()
            while peek() == "and" {
                position += 1
                left = .and(left, try negation())
            }
            return left
        }

        mutating func negation() throws(SigmaError) -> SigmaCondition {
            if peek() == "not" {
                position += 1
                return .not(try negation())
            }
            return try primary()
        }

        mutating func primary() throws(SigmaError) -> SigmaCondition {
            guard let token = next() else { throw SigmaError.unsupported("condition '\(text)' ends too early") }
            if token == "(" {
                let inner = try expression()
                guard next() == ")" else { throw SigmaError.unsupported("condition '\(text)': a '(' is not closed") }
                return inner
            }
            if token == "1" || token == "all" {
                guard next() == "of", let pattern = next() else { throw SigmaError.unsupported("condition '\(text)': '\(token) of' needs a name") }
                guard pattern == "them" || selections.contains(where: { SigmaCondition.name($0, fits: pattern) }) else {
                    throw SigmaError.unsupported("condition '\(text)': no selection fits '\(pattern)'")
                }
                return .of(all: token == "all", pattern: pattern)
            }
            if token == "|" { throw SigmaError.unsupported("aggregations in conditions ('\(text)')") }
            guard selections.contains(token) else { throw SigmaError.unsupported("condition '\(text)' names no selection '\(token)'") }
            return .selection(token)
        }

        func peek() -> String? { position < tokens.count ? tokens[position].lowercased() : nil }

        mutating func next() -> String? {
            guard position < tokens.count else { return nil }
            defer { position += 1 }
            return tokens[position]
        }
    }
}
