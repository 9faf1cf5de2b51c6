import AuditLog
import Foundation

/// Any bytes through the three escapers: JSON that parses back to the same text, markup
/// with no live character, and terminal text with no control byte.
public enum FuzzEscaping {
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let bytes = UnsafeRawBufferPointer(start: data, count: size)
        let text = Fuzz.text(bytes)

        let json = Escaping.json(text)
        let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) as? String
        Fuzz.require(decoded == text, "JSON escaping does not round-trip: \(json)")

        let markup = Escaping.xml(text)
        Fuzz.require(!markup.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) }, "live markup in \(markup)")
        Fuzz.require(!markup.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || $0.value == 0x7F },
                     "control character in markup")
        let scalars = Array(markup.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "&" {
            let entity = String(String.UnicodeScalarView(scalars[index..<min(index + 6, scalars.count)]))
            Fuzz.require(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains { entity.unicodeScalars.starts(with: $0.unicodeScalars) },
                         "bare & in markup")
        }

        let terminal = Escaping.terminal(text)
        Fuzz.require(Fuzz.isTerminalSafe(terminal.utf8.filter { $0 != 0x0A } + []), "control byte reaches a terminal")
        var out = OutputBuffer()
        Escaping.terminalBytes(UnsafeRawBufferPointer(start: data, count: size), into: &out)
        Fuzz.require(Fuzz.isTerminalSafe(out.bytes.filter { $0 != 0x0A }), "control byte reaches a terminal from raw bytes")
    }
}
