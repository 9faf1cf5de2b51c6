#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation

/// One value a Sigma field is compared with, after its modifiers: a case-insensitive
/// pattern with `*` and `?` (contains, startswith and endswith are patterns too), a regular
/// expression (`re`), or an address range (`cidr`).
enum SigmaValue: Sendable {
    case pattern([PatternPiece])
    case regex(RegexBox)
    case cidr(IPRange)
    /// `null`: the field is absent.
    case absent

    enum PatternPiece: Sendable, Equatable {
        case text([UInt8])
        case anyRun
        case anyOne
    }

    /// The text of a pattern without wildcards (what `type: EXECVE` compares), else nil.
    var plainText: String? {
        guard case .pattern(let pieces) = self, pieces.count == 1, case .text(let bytes) = pieces[0] else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value as Sigma's plain string: `*` and `?` are wildcards, `\*` `\?` `\\` literal.
    static func pattern(_ text: String, prefix: Bool = false, suffix: Bool = false) -> SigmaValue {
        var pieces: [PatternPiece] = prefix ? [.anyRun] : []
        var literal: [UInt8] = []
        var escaped = false
        for byte in text.lowercased().utf8 {
            if escaped {
                literal.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") {
                if !literal.isEmpty { pieces.append(.text(literal)); literal = [] }
                pieces.append(byte == UInt8(ascii: "*") ? .anyRun : .anyOne)
            } else {
                literal.append(byte)
            }
        }
        if escaped { literal.append(UInt8(ascii: "\\")) }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        if suffix { pieces.append(.anyRun) }
        return .pattern(pieces)
    }

    func matches(_ value: String?) -> Bool { matches(value.map(SigmaText.init)) }

    func matches(_ field: SigmaText?) -> Bool {
        let value = field?.text
        switch self {
        case .absent: return value == nil
        case .pattern(let pieces):
            guard let field else { return false }
            return Self.glob(pieces[...], field.lowered[...])
        case .regex(let box):
            guard let value else { return false }
            return box.regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        case .cidr(let range):
            return value.map(range.contains) ?? false
        }
    }

    private static func glob(_ pieces: ArraySlice<PatternPiece>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let first = pieces.first else { return text.isEmpty }
        switch first {
        case .text(let literal):
            guard text.starts(with: literal) else { return false }
            return glob(pieces.dropFirst(), text.dropFirst(literal.count))
        case .anyOne:
            return !text.isEmpty && glob(pieces.dropFirst(), text.dropFirst())
        case .anyRun:
            let rest = pieces.dropFirst()
            if rest.isEmpty { return true }
            var start = text.startIndex
            while true {
                if glob(rest, text[start...]) { return true }
                if start == text.endIndex { return false }
                start += 1
            }
        }
    }
}

/// A value as the patterns read it: the text, and its bytes lowercased once.
struct SigmaText {
    let text: String
    let lowered: [UInt8]

    init(_ text: String) {
        self.text = text
        lowered = text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }
}

/// A compiled regular expression, shared read-only between the scan's threads.
final class RegexBox: @unchecked Sendable {
    let regex: NSRegularExpression
    init(_ pattern: String) throws {
        do { regex = try NSRegularExpression(pattern: pattern) } catch { throw SigmaError.unsupported("the regular expression '\(pattern)'") }
    }
}

/// An IPv4 range, `10.0.0.0/8` (`cidr`).
struct IPRange: Sendable {
    let network: UInt32
    let mask: UInt32

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count <= 2, let address = Self.address(String(parts[0])) else { return nil }
        let bits = parts.count == 2 ? Int(parts[1]) ?? -1 : 32
        guard (0...32).contains(bits) else { return nil }
        mask = bits == 0 ? 0 : UInt32.max << (32 - bits)
        network = address & mask
    }

    func contains(_ text: String) -> Bool { Self.address(text).map { $0 & mask == network } ?? false }

    static func address(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4, text.split(separator: ".").count == 4 else { return nil }
        return octets.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
