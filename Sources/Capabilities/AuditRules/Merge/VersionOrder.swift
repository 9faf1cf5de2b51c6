/// The order of `ls -v` (gnulib's filevercmp), which augenrules uses for the files of rules.d:
/// digit runs compare as numbers, letters before other characters, `~` before everything.
package enum VersionOrder {
    package static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    public static func compare(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x == y { return 0 }
        if x.isEmpty { return -1 }
        if y.isEmpty { return 1 }
        // Hidden files first, then compare without the leading dot.
        let xHidden = x.first == UInt8(ascii: "."), yHidden = y.first == UInt8(ascii: ".")
        if xHidden != yHidden { return xHidden ? -1 : 1 }
        let xs = xHidden ? Array(x.dropFirst()) : x, ys = yHidden ? Array(y.dropFirst()) : y
        let xPrefix = prefixLength(xs), yPrefix = prefixLength(ys)
        let samePrefix = xPrefix == yPrefix && xs[..<xPrefix].elementsEqual(ys[..<yPrefix])
        var result = verrevcmp(xs[..<(samePrefix ? xs.count : xPrefix)], ys[..<(samePrefix ? ys.count : yPrefix)])
        if result == 0 && !samePrefix { result = verrevcmp(xs[...], ys[...]) }
        if result != 0 { return result }
        return x.lexicographicallyPrecedes(y) ? -1 : 1
    }

    /// The length of the name without its suffix: the longest run of `.[A-Za-z~][A-Za-z0-9~]*` at the end.
    static func prefixLength(_ name: [UInt8]) -> Int {
        var end = name.count
        var i = name.count
        while i > 0 {
            // Find the start of a candidate suffix ending at `end`.
            var j = end
            while j > 0 && isSuffixCharacter(name[j - 1]) { j -= 1 }
            guard j > 0, name[j - 1] == UInt8(ascii: "."), j < end, isLetterOrTilde(name[j]) else { break }
            end = j - 1
            i = end
        }
        return end
    }

    private static func isSuffixCharacter(_ c: UInt8) -> Bool { isLetterOrTilde(c) || isDigit(c) }
    private static func isLetterOrTilde(_ c: UInt8) -> Bool { isLetter(c) || c == UInt8(ascii: "~") }
    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Where a byte sorts in a non-digit run: `~` first, then end of string, letters, others.
    private static func order(_ c: UInt8?) -> Int {
        guard let c else { return 0 }
        if isDigit(c) { return 0 }
        if isLetter(c) { return Int(c) }
        if c == UInt8(ascii: "~") { return -1 }
        return Int(c) + 256
    }

    /// Debian's version comparison over two byte runs.
    static func verrevcmp(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            var firstDifference = 0
            while (i < a.endIndex && !isDigit(a[i])) || (j < b.endIndex && !isDigit(b[j])) {
                let ac = order(i < a.endIndex ? a[i] : nil), bc = order(j < b.endIndex ? b[j] : nil)
                if ac != bc { return ac - bc }
                i += 1
                j += 1
            }
            while i < a.endIndex && a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.endIndex && b[j] == UInt8(ascii: "0") { j += 1 }
            while i < a.endIndex && j < b.endIndex && isDigit(a[i]) && isDigit(b[j]) {
                if firstDifference == 0 { firstDifference = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if i < a.endIndex && isDigit(a[i]) { return 1 }
            if j < b.endIndex && isDigit(b[j]) { return -1 }
            if firstDifference != 0 { return firstDifference }
        }
        return 0
    }
}
