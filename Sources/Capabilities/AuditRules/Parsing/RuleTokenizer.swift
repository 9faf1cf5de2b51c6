/// Splits a rules-file line into words the way auditctl does: at spaces only (a tab is
/// part of a word), with `\ ` for a space inside a word and `\\` for a backslash.
enum RuleTokenizer {
    static func words(_ line: Substring) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var escaping = false
        var inWord = false
        for byte in line.utf8 {
            if escaping {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\\") {
                    current.append(byte)
                } else {
                    current.append(UInt8(ascii: "\\"))
                    current.append(byte)
                }
                escaping = false
                inWord = true
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == UInt8(ascii: " ") {
                if inWord { words.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
                inWord = false
            } else {
                current.append(byte)
                inWord = true
            }
        }
        if escaping { current.append(UInt8(ascii: "\\")); inWord = true }
        if inWord { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
