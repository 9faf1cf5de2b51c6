import AuditLog
import Foundation

/// What every fuzzer asserts, and how it reports a broken promise: a crash with the reason,
/// which libFuzzer keeps as the input to minimize.
enum Fuzz {
    /// Stops the run when a property does not hold.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("property broken: \(message())") }
    }

    /// The input as Swift sees it in a String: invalid UTF-8 replaced, as the commands do.
    public static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `bytes` are one JSON value (objects, arrays, strings, numbers) that Foundation parses.
    public static func isJSON<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }

    /// Each non-empty line of `bytes` is one JSON value (JSON Lines).
    static func isJSONLines(_ bytes: [UInt8]) -> Bool {
        bytes.split(separator: 0x0A).allSatisfy { isJSON($0) }
    }

    /// No byte a terminal acts on: C0 controls other than newline, DEL, and the C1 controls
    /// (U+0080…U+009F, which some terminals take as escape sequences).
    static func isTerminalSafe<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var previous: UInt8 = 0
        for byte in bytes {
            if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return false }
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return false }
            previous = byte
        }
        return true
    }

    /// Splits a fuzz input into `count` parts at 0x00 bytes (missing parts empty), so one
    /// input can fill several files.
    public static func parts(_ bytes: UnsafeRawBufferPointer, count: Int) -> [[UInt8]] {
        var parts = bytes.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false).map(Array.init)
        while parts.count < count { parts.append([]) }
        return parts
    }

    /// A file holding `bytes` in shared memory, for the APIs that read files; reused per
    /// thread (the regression tests replay inputs on several threads of one process at once).
    public static func file(_ bytes: UnsafeRawBufferPointer, name: String = "input") -> String {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(directory)/dockaudit-fuzz-\(getpid())-\(UInt(bitPattern: Int(bitPattern: pthread_self())))-\(name)"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}
