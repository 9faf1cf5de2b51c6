/// The fuzz targets, each a property check of one capability on any bytes. The libFuzzer
/// programs in FuzzTesting/ call them; the test suite replays the kept crash inputs
/// (FuzzTesting/Regressions/NAME/) and the seeds through the same functions.
public enum FuzzTargets {
    public static let all: [String: @Sendable (UnsafePointer<UInt8>, Int) -> Void] = [
        "FuzzLogEvents": FuzzLogEvents.run,
        "FuzzInterpretation": FuzzInterpretation.run,
        "FuzzEscaping": FuzzEscaping.run,
        "FuzzRules": FuzzRules.run,
        "FuzzSystemdAnalyze": FuzzSystemdAnalyze.run,
        "FuzzBootConfiguration": FuzzBootConfiguration.run,
        "FuzzDockerHost": FuzzDockerHost.run,
    ]

    /// Runs one target on `bytes`.
    public static func run(_ name: String, _ bytes: [UInt8]) {
        guard let target = all[name] else { fatalError("no fuzz target \(name)") }
        bytes.withUnsafeBufferPointer { buffer in
            // libFuzzer never passes a null pointer, even for an empty input.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, buffer.count)) { copy in
                _ = copy.initialize(fromContentsOf: buffer)
                target(copy.baseAddress!, buffer.count)
            }
        }
    }
}
