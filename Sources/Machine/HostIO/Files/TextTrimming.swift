extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, carriage returns and newlines.
    public func trimmedBlanks() -> String {
        var text = self[...]
        while let first = text.first, first == " " || first == "\t" || first == "\r" || first == "\n" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" || last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
