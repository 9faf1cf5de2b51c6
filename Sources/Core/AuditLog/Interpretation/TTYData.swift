/// TTY and USER_TTY `data=`, as auparse's `print_tty_data` shows it: hex decoded into quoted
/// runs of printable text and `<name>`s for the keys it knows (`"ls",<ret>`), anything else
/// as written.
enum TTYData {
    static func text(written: String) -> String {
        let raw = Array(written.utf8)
        guard raw.allSatisfy({ HexText.nibble($0) != nil }) else { return written }
        guard raw.count >= 2, let bytes = HexText.decodeBytes(raw[...]) else { return "(null)" }
        var out = ""
        var inText = false
        var position = 0
        while position < bytes.count {
            if let (length, name) = namedKey(bytes, at: position) {
                if inText { out += "\""; inText = false }
                if !out.isEmpty { out += "," }
                out += "<" + name + ">"
                position += length
            } else {
                if !inText {
                    if !out.isEmpty { out += "," }
                    out += "\""
                    inText = true
                }
                out += printable(bytes[position])
                position += 1
            }
        }
        if inText { out += "\"" }
        return out
    }

    /// The first key in the table whose bytes start here (auparse's order, not the longest).
    private static func namedKey(_ bytes: [UInt8], at position: Int) -> (Int, String)? {
        let first = bytes[position]
        if first >= 0x20 && (first < 0x7F || first >= 0xA0) { return nil }
        for (sequence, name) in AuparseTables.ttyKeys where sequence.count <= bytes.count - position {
            if bytes[position..<position + sequence.count].elementsEqual(sequence) { return (sequence.count, name) }
        }
        return nil
    }

    private static func printable(_ byte: UInt8) -> String {
        if byte < 0x20 || byte > 0x7E {
            return "\\" + String(byte >> 6 & 7) + String(byte >> 3 & 7) + String(byte & 7)
        }
        if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { return "\\" + String(UnicodeScalar(byte)) }
        return String(UnicodeScalar(byte))
    }
}
