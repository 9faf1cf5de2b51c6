import ArgumentParser
import AuditLog
import AuditRules
import Foundation
import BootAnalysis
import Detection
import Glibc
import HostIO

/// `dockaudit detect`: the built-in detections over audit logs, container-aware.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Raise alerts for attacks the audit log shows on a Docker host (docs/detect.md).",
        discussion: "Exit status: 0 when no alert is at or above --fail-on, 1 when one is, 2 on usage or I/O errors."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var selection: SelectionOptions
    @Option(help: "text, json (JSON lines) or sarif.") var format: OutputChoice = .text
    @Option(help: "Sigma rules for auditd: a YAML file, or a directory read for *.yml and *.yaml (repeatable).")
    var sigma: [String] = []
    @Option(help: "Run only this detection, or Sigma rule by id (repeatable).") var only: [String] = []
    @Option(help: "An allowlist (YAML, docs/detect.md): alerts it accepts until their expiry are counted, not written.")
    var allow: String?
    @Option(help: "Skip this detection (repeatable).") var skip: [String] = []
    @Option(name: .customLong("fail-on"), help: "Exit 1 when an alert is at or above this severity: info, low, medium, high or critical.")
    var failOn: String = "high"
    @Option(help: "An expected reboot window, local time: \"Sun 02:00-04:00\" (repeatable); a reboot of an immutable host inside one is no alert.")
    var maintenance: [String] = []
    @Flag(help: "Say which detections the audit rules let fire: covered, partly (narrowed rules) or blind, with the rules to add; exit 1 when one is blind.")
    var coverage = false
    @Option(help: "With --coverage: a rules file or rules.d directory instead of the loaded rules (auditctl -l).")
    var rules: String?
    @Flag(help: "List the detections, their severity, ATT&CK techniques and the audit rules they need, and exit.")
    var list = false
    @Flag(name: .customLong("include-own"), help: "Look at the events of dockaudit's own processes too.")
    var includeOwn = false
    @Flag(help: "No progress display on stderr.") var quiet = false

    func validate() throws {
        try format.accept([.text, .json, .sarif])
        guard Severity(rawValue: failOn) != nil else { throw ValidationError("--fail-on takes info, low, medium, high or critical, not '\(failOn)'") }
        let known = Set(BuiltInDetections.all.map(\.id))
        for id in only + skip where !known.contains(id) && sigma.isEmpty { throw ValidationError("no detection '\(id)' (--list shows them)") }
        for window in maintenance where MaintenanceWindow(window) == nil {
            throw ValidationError("cannot read the maintenance window '\(window)' (for example \"Sun 02:00-04:00\")")
        }
    }

    func run() throws {
        if list {
            for detection in BuiltInDetections.all {
                print("\(detection.id)  \(detection.severity.rawValue)  \(detection.mitre.joined(separator: ","))  \(detection.title)")
                for rule in detection.needs { print("    needs: \(rule)") }
            }
            return
        }
        if coverage { return try showCoverage() }
        let files = try input.files()
        var enabled = Set(only.isEmpty ? BuiltInDetections.all.map(\.id) : only)
        enabled.subtract(skip)
        let rules = try SigmaRuleSet(files: SigmaFiles.read(sigma))
        for (file, problem) in rules.problems { StandardError.write("dockaudit: \(file): \(problem)") }
        var detector = Detector(enabled: enabled)
        detector.sigma = rules.rules.filter { (only.isEmpty || only.contains($0.id)) && !skip.contains($0.id) }
        detector.maintenanceWindows = maintenance.compactMap(MaintenanceWindow.init)
        var run = DetectRun(criteria: try selection.criteria(), format: DetectRun.Format(rawValue: format.rawValue)!,
                            detector: detector, catalog: ContainerSource.scan(root: nil).catalog())
        run.userName = ContainerSource.userName
        run.includeOwn = includeOwn
        if let allow { run.allowlist = try AllowlistFile.load(allow, at: run.now) }
        let meter = isatty(1) == 1 ? nil : ProgressMeter.forFiles(files, quiet: quiet)
        defer { meter?.finish() }
        run.onProgress = meter?.callback
        let result = try run.run(LogFiles.open(files)) { text in
            guard !text.isEmpty else { return }
            var out = OutputBuffer()
            out.append(text)
            try out.flush(to: 1)
        }
        meter?.finish()
        if let warning = result.diagnostics.summary { StandardError.write(warning) }
        if let note = result.own.note { StandardError.write("dockaudit: \(note)") }
        let total = result.counts.values.reduce(0, +)
        let bySeverity = Severity.allCases.reversed().compactMap { severity in result.counts[severity].map { "\($0) \(severity.rawValue)" } }
        StandardError.write(total == 0 ? "dockaudit: no alerts" : "dockaudit: \(total) alerts (\(bySeverity.joined(separator: ", ")))")
        if !result.suppressed.isEmpty {
            let list = result.suppressed.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            StandardError.write("dockaudit: \(result.suppressed.values.reduce(0, +)) alerts accepted by the allowlist (\(list))")
        }
        if result.count(atLeast: Severity(rawValue: failOn)!) > 0 { throw ExitCode(1) }
    }

    private func showCoverage() throws {
        let lines: [RuleLine]
        let immutable: Bool
        if let rules {
            let files = try HostRules.files(at: rules, parser: RuleParser(native: .host))
            lines = files.flatMap(\.lines)
            immutable = lines.contains { $0.text.split(separator: " ").starts(with: ["-e", "2"]) }
        } else {
            let control = Auditctl()
            let listing = try control.loadedRules()
            lines = RuleFile(path: "auditctl -l", bytes: Array(listing.utf8), parser: RuleParser(native: .host)).lines
            immutable = (try? control.status().number("enabled")) == 2
        }
        let rows = DetectionCoverage.judge(BuiltInDetections.all, rules: lines, immutable: immutable)
        if format == .json {
            var json = JSONWriter()
            json.array(rows) { json, row in
                json.object { o in
                    o.member("detection", row.detection.id)
                    o.member("status", row.status.rawValue)
                    o.member("missing", strings: row.missing)
                }
            }
            print(json.text())
        } else {
            for row in rows {
                print("\(row.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(row.detection.id)")
                for rule in row.missing { print("         \(row.status == .blind ? "add" : "widen"): \(rule)") }
            }
        }
        let blind = rows.filter { $0.status == .blind }.count
        StandardError.write("dockaudit: \(rows.count - blind) of \(rows.count) detections can fire (\(rows.filter { $0.status == .partly }.count) partly)")
        if blind > 0 { throw ExitCode(1) }
    }
}
