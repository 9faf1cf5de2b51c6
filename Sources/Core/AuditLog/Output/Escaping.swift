/// Makes untrusted text from a log safe for a terminal or a JSON document.
public enum Escaping {
    /// Replaces control characters (C0, DEL, and the C1 controls U+0080…U+009F, which some
    /// terminals take as escape sequences) with `\ooo` octal escapes of their bytes, as
    /// ausearch's tty escaping does for C0, so a file named "\e[31m" cannot recolour a terminal.
    public static func terminal(_ text: String) -> String {
        guard text.utf8.contains(where: mayControl) else { return text }
        var out = OutputBuffer()
        terminalBytes(text.utf8, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A byte that is, or may begin, a control character: C0, DEL, or 0xC2 (the lead byte of C1).
    @inline(__always)
    static func mayControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F || byte == 0xC2 }

    /// Appends log bytes for a terminal: printable bytes as they are (in one copy when there
    /// is no control byte), control bytes as `\ooo`.
    @inline(__always)
    package static func terminalBytes<C: Collection>(_ bytes: C, into out: inout OutputBuffer) where C.Element == UInt8 {
        if !bytes.contains(where: mayControl) {
            out.append(bytes: bytes)
            return
        }
        func octal(_ byte: UInt8) {
            out.append(byte: UInt8(ascii: "\\"))
            out.append(byte: 48 + (byte >> 6))
            out.append(byte: 48 + ((byte >> 3) & 7))
            out.append(byte: 48 + (byte & 7))
        }
        var leadC2 = false
        for byte in bytes {
            if leadC2 {
                leadC2 = false
                if (0x80...0x9F).contains(byte) { octal(0xC2); octal(byte); continue }
                out.append(byte: 0xC2)
            }
            if byte == 0xC2 { leadC2 = true; continue }
            if byte < 0x20 || byte == 0x7F { octal(byte) } else { out.append(byte: byte) }
        }
        if leadC2 { out.append(byte: 0xC2) }
    }

    /// `terminalBytes` for borrowed log bytes: the common case (no control byte) is one memcpy.
    @inline(__always)
    static func terminalBytes(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, into out: inout OutputBuffer) {
        let run = UnsafeBufferPointer(rebasing: bytes)
        for byte in run where mayControl(byte) {
            terminalBytes(run, into: &out)
            return
        }
        out.append(bytes: run)
    }

    /// ausearch's own tty escaping, for `-i` output that must equal ausearch's byte for byte:
    /// C0 controls and DEL as `\ooo`, everything else as it is. On a terminal the writer adds
    /// the C1 escapes of `terminalBytes` on top.
    @inline(__always)
    static func ausearchBytes<C: Collection>(_ bytes: C, into out: inout OutputBuffer) where C.Element == UInt8 {
        if !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            out.append(bytes: bytes)
            return
        }
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F {
                out.append(byte: UInt8(ascii: "\\"))
                out.append(byte: 48 + (byte >> 6))
                out.append(byte: 48 + ((byte >> 3) & 7))
                out.append(byte: 48 + (byte & 7))
            } else {
                out.append(byte: byte)
            }
        }
    }

    @inline(__always)
    static func ausearchBytes(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, into out: inout OutputBuffer) {
        let run = UnsafeBufferPointer(rebasing: bytes)
        for byte in run where byte < 0x20 || byte == 0x7F {
            ausearchBytes(run, into: &out)
            return
        }
        out.append(bytes: run)
    }

    /// Text for XML, SVG or HTML (content and attribute values): markup characters as
    /// entities; control characters other than tab and newline, which XML 1.0 cannot hold,
    /// as `\xNN` text. Names from a log or a rules file may come from an attacker.
    package static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A JSON string literal, quotes included, as a String.
    public static func json(_ text: String) -> String {
        var out = OutputBuffer()
        jsonString(text, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A JSON string literal, quotes included. Runs that need no escape are copied whole.
    static func jsonString(_ text: String, into out: inout OutputBuffer) {
        var text = text
        text.withUTF8 { jsonUTF8($0, into: &out) }
    }

    /// A JSON string literal of log bytes, as `jsonString` writes them decoded: ASCII (the
    /// common case) straight from the record, other bytes through the same UTF-8 repair.
    /// With `prefix`, the string starts with it (the `0x` of a syscall argument).
    static func jsonString(bytes: UnsafeBufferPointer<UInt8>, prefix: String = "", into out: inout OutputBuffer) {
        if !isASCII(bytes) { return jsonString(prefix + String(decoding: bytes, as: UTF8.self), into: &out) }
        jsonUTF8(bytes, prefix: prefix, into: &out)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether no byte has its high bit set, eight bytes at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & highBits != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Whether any of the eight bytes is a control character, DEL, `"` or `\\` (the
    /// classic has-zero-byte tests; they may flag a word wrongly only next to a real hit).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highBits }
        let controls = (word &- 0x20 &* ones) & ~word & highBits
        return controls | hasZero(word ^ (0x22 &* ones)) | hasZero(word ^ (0x5C &* ones)) | hasZero(word ^ (0x7F &* ones)) != 0
    }

    private static func jsonUTF8(_ bytes: UnsafeBufferPointer<UInt8>, prefix: String = "", into out: inout OutputBuffer) {
        out.reserve(bytes.count + 2)
        out.append(byte: UInt8(ascii: "\""))
        if !prefix.isEmpty { out.append(prefix) }
        guard let base = bytes.baseAddress else { return out.append(byte: UInt8(ascii: "\"")) }
        let raw = UnsafeRawPointer(base)
        var run = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F else { continue }
            if index - 1 > run { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[run..<index - 1])) }
            run = index
            switch byte {
            case UInt8(ascii: "\""): out.append("\\\"")
            case UInt8(ascii: "\\"): out.append("\\\\")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            default:
                let hex = String(byte, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            }
        }
        if bytes.count > run { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count])) }
        out.append(byte: UInt8(ascii: "\""))
    }
}
