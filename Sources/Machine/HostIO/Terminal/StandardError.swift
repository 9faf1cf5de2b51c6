#if canImport(Glibc)
import Glibc
#endif

/// Messages for people on stderr (kept off stdout, which carries results).
public enum StandardError {
    public static func write(_ message: String) {
        writeRaw(message.hasSuffix("\n") ? message : message + "\n")
    }

    /// Writes `text` as it is, with no newline added (progress lines redraw themselves).
    static func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
