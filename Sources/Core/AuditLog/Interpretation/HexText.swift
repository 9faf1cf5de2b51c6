/// The kernel's encoding for untrusted strings: when a value holds a space, a quote,
/// a control character or a byte over 0x7E, it is logged bare as upper-case hex.
package enum HexText {
    /// Decodes an even-length run of hex digits; nil when `raw` is not hex
    /// (or is `(null)`, `?`, or a number that merely looks like hex).
    package static func decode(_ raw: ArraySlice<UInt8>) -> String? {
        guard let bytes = decodeBytes(raw) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True for an even-length run of hex digits, at least two long.
    static func isHex(_ raw: ArraySlice<UInt8>) -> Bool {
        guard raw.count >= 2, raw.count % 2 == 0 else { return false }
        return raw.allSatisfy { nibble($0) != nil }
    }

    package static func decodeBytes(_ raw: ArraySlice<UInt8>) -> [UInt8]? {
        guard raw.count >= 2, raw.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count / 2)
        var i = raw.startIndex
        while i < raw.endIndex {
            guard let hi = nibble(raw[i]), let lo = nibble(raw[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    /// auparse's `au_unescape` of a bare value: the leading run of hex digits decoded (a
    /// value starting `00`, an abstract socket name, from its third digit; an odd last digit
    /// as a high nibble), nil when fewer than two hex digits lead.
    static func decodeLeading(_ raw: ArraySlice<UInt8>) -> [UInt8]? {
        var digits = raw.prefix { nibble($0) != nil }
        if digits.starts(with: [48, 48]) { digits = digits.dropFirst(2) }
        guard digits.count >= 2 else { return nil }
        var out: [UInt8] = []
        var i = digits.startIndex
        while i < digits.endIndex {
            let high = nibble(digits[i])!
            let low = i + 1 < digits.endIndex ? nibble(digits[i + 1])! : 0
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    /// A PROCTITLE value: the hex-decoded argv with its NUL separators shown as spaces and
    /// trailing NULs dropped, as auparse prints it.
    static func decodeProctitle(_ raw: ArraySlice<UInt8>) -> [UInt8]? {
        guard var bytes = decodeBytes(raw) else { return nil }
        while bytes.last == 0 { bytes.removeLast() }
        for i in bytes.indices where bytes[i] == 0 { bytes[i] = 0x20 }
        return bytes
    }

    @inline(__always)
    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
}
