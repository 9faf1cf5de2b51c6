import Foundation

/// Fixture files beside a test file, and golden outputs compared byte for byte. With
/// `DOCKAUDIT_WRITE_GOLDEN=1` in the environment a golden file is (re)written from what the
/// code produces instead, to be read in review and committed (as laurel's WRITE_GOLDEN).
public struct FixtureDirectory: Sendable {
    public let path: String

    /// `Fixtures/<name>` beside the test file that says `#filePath`.
    public init(_ name: String, besides testFile: String) {
        path = (testFile as NSString).deletingLastPathComponent + "/Fixtures/" + name
    }

    /// The fixture files whose names end with `suffix`, sorted.
    public func files(endingWith suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(suffix) }.sorted()
    }

    public func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
    }

    /// Whether goldens are being rewritten in this run.
    public static var writesGolden: Bool { ProcessInfo.processInfo.environment["DOCKAUDIT_WRITE_GOLDEN"] == "1" }

    /// Nil when `actual` is the golden file `name`'s content (or it was just written);
    /// otherwise what differs, for the test's message.
    public func golden(_ name: String, _ actual: String) throws -> String? {
        let file = path + "/" + name
        if Self.writesGolden {
            try actual.write(toFile: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: file, encoding: .utf8) else {
            return "\(name): no golden file (run with DOCKAUDIT_WRITE_GOLDEN=1 to write it)"
        }
        guard expected != actual else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        return "\(name):\(line + 1): expected \(line < a.count ? String(a[line]) : "<end>"), got \(line < b.count ? String(b[line]) : "<end>")"
    }
}
