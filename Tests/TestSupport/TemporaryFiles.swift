import Foundation

/// A fresh directory under the system's temporary directory, named for the test, removed
/// by `cleanUp` (tests that must keep it on failure leave that out).
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(_ label: String = "test") throws {
        path = NSTemporaryDirectory() + "dockaudit-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `path/name`, written with `text`; its directories are made as needed.
    @discardableResult
    public func file(_ name: String, _ text: String) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    public func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}
