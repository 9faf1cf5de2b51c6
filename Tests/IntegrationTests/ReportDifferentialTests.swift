import Foundation
import Testing

/// `dockaudit report` against the real aureport, on the logs recorded from this kernel.
@Suite(.serialized, .enabled(if: Environment.inCI || Environment.recordedLogs != nil))
struct ReportDifferentialTests {
    /// Each report with the aureport option that writes the same one.
    static let reports: [(kind: String, option: String)] = [
        ("summary", "--summary"), ("keys", "-k"), ("users", "-u"), ("executables", "-x"), ("commands", "--comm"),
        ("files", "-f"), ("syscalls", "-s"), ("logins", "-l"), ("authentications", "-au"), ("events", "-e"),
        ("anomalies", "-n"), ("responses", "-r"), ("config", "-c"), ("modifications", "-m"), ("crypto", "-cr"),
        ("mac", "-ma"), ("integrity", "--integrity"), ("virt", "--virt"), ("pids", "-p"), ("terminals", "-tm"),
        ("hosts", "-h"), ("time", "-t"),
    ]

    /// Every report, detailed and summed, plain and interpreted, all events, failed ones, successful ones.
    static var variants: [(kind: String, aureport: [String], dockaudit: [String])] {
        var result: [(String, [String], [String])] = []
        for (kind, option) in reports {
            let modes: [[String]] = kind == "summary" || kind == "time" ? [[]] : [[], ["--summary"]]
            for mode in modes {
                for extra in [[], ["-i"], ["--failed"], ["--success"]] {
                    result.append((kind, [option] + mode + extra, [kind] + mode + extra))
                }
            }
        }
        return result
    }

    static let logs = ["enriched", "raw-hostname", "containers"]

    private func log(_ name: String) throws -> String {
        if name == "containers" {
            let dir = try #require(Environment.containerLog, "DOCKAUDIT_CONTAINERS is not set: run scripts/test")
            return dir + "/audit.log"
        }
        let base = try #require(Environment.recordedLogs, "DOCKAUDIT_RECORDED is not set: run scripts/test")
        return try joinedLog(base + "/" + name)
    }

    @Test(arguments: logs)
    func reportsAreIdentical(log name: String) throws {
        let path = try log(name)
        let variants = Self.variants
        // Both tools, every variant, two at a time (the machines have two cores).
        let results = ConcurrentResults(count: variants.count)
        DispatchQueue.concurrentPerform(iterations: variants.count) { index in
            let variant = variants[index]
            do {
                let expected = try run("/usr/sbin/aureport", ["-if", path] + variant.aureport)
                let found = try run(Environment.binary, ["report", "-if", path, "--quiet"] + variant.dockaudit)
                guard expected.stdout != found.stdout else { return }
                let a = expected.lines, b = found.lines
                let firstDifference = zip(a, b).first { $0 != $1 }.map { "aureport: \($0.0) | dockaudit: \($0.1)" }
                    ?? "aureport \(a.count) lines, dockaudit \(b.count)"
                results.set(index, "\(variant.aureport.joined(separator: " ")): \(firstDifference)")
            } catch {
                results.set(index, "\(variant.aureport.joined(separator: " ")): \(error)")
            }
        }
        let differences = results.values.compactMap { $0 }
        print("report differential \(name): \(variants.count - differences.count) of \(variants.count) reports identical to aureport")
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    /// The summary as JSON carries the same counters as aureport's text.
    @Test func summaryJSONHasAureportsCounters() throws {
        let path = try log("enriched")
        let text = String(decoding: try run("/usr/sbin/aureport", ["-if", path, "--summary"]).stdout, as: UTF8.self)
        let json = try run(Environment.binary, ["report", "-if", path, "--format", "json", "--quiet"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Int])
        #expect(object.count == 23)
        for line in text.split(separator: "\n") where line.hasPrefix("Number of ") {
            let parts = line.dropFirst("Number of ".count).split(separator: ":")
            let words = parts[0].lowercased().replacingOccurrences(of: "avc's", with: "avcs")
            let name = words.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "_")
            #expect(object[name] == Int(parts[1].trimmingCharacters(in: .whitespaces)), "\(name)")
        }
    }
}

/// Results written by concurrent iterations, one slot each.
final class ConcurrentResults: @unchecked Sendable {
    private var slots: [String?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: String) { lock.withLock { slots[index] = value } }
    var values: [String?] { lock.withLock { slots } }
}
