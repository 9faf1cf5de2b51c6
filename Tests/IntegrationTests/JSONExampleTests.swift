import Foundation
import Testing

/// The jq examples of docs/json-schema.md, run as written against a real log: each must
/// print something, and jq must not complain (a member renamed or retyped breaks them).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq")))
struct JSONExampleTests {
    static func examples() throws -> [String] {
        let doc = try String(contentsOf: Environment.packageRoot.appendingPathComponent("docs/json-schema.md"), encoding: .utf8)
        let block = try #require(doc.components(separatedBy: "The five questions people ask most:").last?
            .components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        return block.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    @Test func theDocumentedQuestionsAnswerOnARealLog() throws {
        let examples = try Self.examples()
        #expect(examples.count == 5)
        let sample = Environment.packageRoot.appendingPathComponent("samples/audit.log").path
        for example in examples {
            let needsContainers = example.contains("--in-container")
            guard let log = needsContainers ? Environment.containerLog : sample else { continue }
            let command = example.replacingOccurrences(of: "dockaudit search", with: "'\(Environment.binary)' search -if '\(log)'")
            let result = try run("/bin/bash", ["-o", "pipefail", "-c", command])
            #expect(result.status == 0, "\(example): \(result.stderr)")
            #expect(!result.stderr.contains("jq: error"), "\(example): \(result.stderr)")
            #expect(!result.lines.filter { !$0.isEmpty }.isEmpty, "\(example) printed nothing")
        }
    }
}
