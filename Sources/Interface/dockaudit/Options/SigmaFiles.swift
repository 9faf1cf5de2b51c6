import ArgumentParser
import Detection
import Foundation
import HostIO
import LiveAudit

/// The Sigma files named by `--sigma` (`detect`, `follow --detect`, `plugin --detect`).
enum SigmaFiles {
    /// Each file with its text, directories walked for *.yml and *.yaml in name order.
    static func read(_ given: [String]) throws -> [(path: String, text: String)] {
        var paths: [String] = []
        for path in given {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("--sigma \(path): no such file or directory")
            }
            guard isDirectory.boolValue else { paths.append(path); continue }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
            paths += found.map { path + "/" + $0 }
        }
        return try paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("--sigma \(path): cannot be read") }
            return (path, String(decoding: data, as: UTF8.self))
        }
    }
}

/// `--detect` for the live commands: the built-in detections (less `--skip`), and Sigma rules.
struct LiveDetectOptions: ParsableArguments {
    @Flag(help: "Run the detections on every event and write their alerts beside the events (detect's JSON lines, or its sentences).")
    var detect = false
    @Option(help: "Sigma rules for auditd, a file or a directory (repeatable); implies --detect.")
    var sigma: [String] = []
    @Option(name: .customLong("skip-detection"), help: "Leave out this detection (repeatable).")
    var skip: [String] = []
    @Option(help: "An allowlist (YAML, docs/detect.md): alerts it accepts until their expiry are counted, not written.")
    var allow: String?

    /// The options again for `plugin install`'s options file, paths made absolute (auditd
    /// starts the plugin in /).
    var arguments: [String] {
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        }
        var result = detect ? ["--detect"] : []
        for path in sigma { result += ["--sigma", absolute(path)] }
        for id in skip { result += ["--skip-detection", id] }
        if let allow { result += ["--allow", absolute(allow)] }
        return result
    }

    /// The detections to run, or nil without --detect or --sigma.
    func detection(json: Bool) throws -> LiveDetection? {
        guard detect || !sigma.isEmpty else { return nil }
        let rules = try SigmaRuleSet(files: SigmaFiles.read(sigma))
        for (file, problem) in rules.problems { StandardError.write("dockaudit: \(file): \(problem)") }
        var detector = Detector(enabled: Set(BuiltInDetections.all.map(\.id)).subtracting(skip))
        detector.sigma = rules.rules
        let detection = LiveDetection(detector: detector, json: json, userName: ContainerSource.userName)
        if let allow { detection.allowlist = try AllowlistFile.load(allow, at: Date()) }
        return detection
    }
}

/// `--allow FILE`, read for `detect` and the live `--detect`: a file that cannot be read or
/// holds a broken entry is refused; expired entries are said once.
enum AllowlistFile {
    static func load(_ path: String, at now: Date) throws -> Allowlist {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("--allow \(path): cannot be read") }
        let allowlist: Allowlist
        do { allowlist = try Allowlist(yaml: String(decoding: data, as: UTF8.self)) } catch {
            throw ValidationError("--allow \(path): \(error)")
        }
        for entry in allowlist.expired(at: now) {
            StandardError.write("dockaudit: \(path): entry \(entry.number) (\(entry.detection)) has expired and no longer applies")
        }
        return allowlist
    }
}
