import Foundation
import FuzzTargets
import Testing

/// Every input a fuzzer ever crashed on, minimized and kept in FuzzTesting/Regressions/NAME/,
/// and the committed seeds of FuzzTesting/Seeds/NAME/, through the same property checks the
/// fuzzers run (a broken property stops the process with its reason).
struct FuzzRegressionTests {
    static let fuzzTesting = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("FuzzTesting")

    static func inputs(_ folder: String) -> [(target: String, path: String)] {
        let root = fuzzTesting.appendingPathComponent(folder).path
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return targets.sorted().flatMap { target in
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + target)) ?? []).sorted()
                .map { (target, root + "/" + target + "/" + $0) }
        }
    }

    @Test func everyFuzzerHasSeedsAndEveryKeptInputNamesAFuzzer() {
        let seeded = Set(Self.inputs("Seeds").map(\.target))
        #expect(seeded == Set(FuzzTargets.all.keys))
        for input in Self.inputs("Regressions") { #expect(FuzzTargets.all[input.target] != nil, "\(input.path)") }
    }

    @Test(arguments: inputs("Regressions") + inputs("Seeds"))
    func replays(target: String, path: String) throws {
        FuzzTargets.run(target, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
