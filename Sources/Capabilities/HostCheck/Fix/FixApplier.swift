import AuditRules
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostIO

/// Carries out a `FixPlan`: each file backed up and written atomically, owners and modes
/// set, commands run where they exist, the rules loaded. Under an offline root only files
/// and modes change; commands and loading are left to the host that boots from it.
public struct FixApplier: Sendable {
    public var files: LocalHostFiles
    public var control: (any AuditControl)?
    /// Where backups go, as a host path: the changed file's path below it. Outside rules.d,
    /// since augenrules reads every `*.rules` there and anything else is clutter.
    public var backupDirectory: String

    public init(files: LocalHostFiles, control: (any AuditControl)?, backupDirectory: String) {
        self.files = files
        self.control = control
        self.backupDirectory = backupDirectory
    }

    /// The real path to write for a host path: its directory's links followed inside the
    /// root, the file itself replaced (never written through a link).
    private func writable(_ path: String) throws(RulesError) -> String {
        guard let real = files.real(path, followLast: false) else {
            throw .io(path: path, reason: HostError(path: path, reason: .linkLoop).explanation)
        }
        return real
    }

    /// Applies the plan; returns what was done, line by line. Before the first write, the
    /// rules.d the plan leaves is linted as the kernel will meet it: any error refuses the
    /// whole plan, nothing written. Past that, throws on the first failure, with everything
    /// before it done and said.
    public func apply(_ plan: FixPlan, native: RuleArch) throws(RulesError) -> [String] {
        try refuseWhatTheKernelWouldRefuse(plan, native: native)
        var done: [String] = []
        for change in plan.files {
            let real = try writable(change.path)
            if let before = change.before {
                let backup = backupDirectory + change.path
                let realBackup = try writable(backup)
                if let slash = realBackup.lastIndex(of: "/"), slash != realBackup.startIndex {
                    try? FileManager.default.createDirectory(atPath: String(realBackup[..<slash]), withIntermediateDirectories: true)
                }
                try RulesError.writing { () throws(HostError) in try AtomicFile.write(before, to: realBackup, mode: mode_t(change.mode)) }
                done.append("backed up \(change.path) to \(backup)")
            } else {
                if let slash = real.lastIndex(of: "/"), slash != real.startIndex {
                    try? FileManager.default.createDirectory(atPath: String(real[..<slash]), withIntermediateDirectories: true)
                }
            }
            try RulesError.writing { () throws(HostError) in try AtomicFile.write(change.after, to: real, mode: mode_t(change.mode)) }
            done.append("wrote \(change.path) (\(change.reason))")
        }
        for change in plan.permissions {
            let real = try writable(change.path)
            if change.uid != nil || change.gid != nil {
                guard chown(real, change.uid ?? UInt32.max, change.gid ?? UInt32.max) == 0 else {
                    throw .io(path: change.path, reason: "chown failed: \(String(cString: strerror(errno)))")
                }
            }
            if let mode = change.mode, chmod(real, mode_t(mode)) != 0 {
                throw .io(path: change.path, reason: "chmod failed: \(String(cString: strerror(errno)))")
            }
            done.append("\(change.command) (\(change.reason))")
        }
        guard let control else {
            for command in plan.commands { done.append("left for the host: \(command.text) (\(command.reason))") }
            if plan.loadRules { done.append("left for the host: load the rules (dockaudit rules load)") }
            return done
        }
        for command in plan.commands {
            let status = run(command.arguments)
            done.append("ran \(command.text): " + (status == 0 ? "ok" : "exit status \(status)"))
        }
        if plan.loadRules {
            let loader = RulesLoader(control: control, merger: RulesMerger(dialect: .host),
                                     parser: RuleParser(native: native),
                                     linter: RuleLinter(native: native, accounts: .host, pathExists: { files.exists($0) },
                                                        isDirectory: { files.isDirectory($0) }))
            let directory = try RulesDirectory(path: "/etc/audit/rules.d", files: files)
            do {
                let outcome = try loader.load(directory, into: "/etc/audit/audit.rules", files: files)
                done.append(outcome.wrote ? "wrote /etc/audit/audit.rules (previous kept as .prev) and loaded the rules"
                                          : "loaded the rules")
            } catch .immutable {
                done.append("the kernel's rules are locked (-e 2): rules.d is updated; reboot to load it")
            }
        }
        return done
    }

    /// Lints rules.d with the plan's rules files in place (host-aware: directories, accounts,
    /// duplicates), so that a load cannot stop half-way and nothing is written for a plan
    /// that would be refused.
    private func refuseWhatTheKernelWouldRefuse(_ plan: FixPlan, native: RuleArch) throws(RulesError) {
        let rulesD = "/etc/audit/rules.d"
        let planned = plan.files.filter { $0.path.hasPrefix(rulesD + "/") }
        guard plan.loadRules || !planned.isEmpty else { return }
        var byName: [String: [UInt8]] = [:]
        if files.isDirectory(rulesD) {
            for (name, bytes) in try RulesDirectory(path: rulesD, files: files).files { byName[name] = bytes }
        }
        for change in planned { byName[String(change.path.dropFirst(rulesD.count + 1))] = change.after }
        let parser = RuleParser(native: native)
        let ruleFiles = RulesMerger.ruleFileNames(Array(byName.keys)).map {
            RuleFile(path: rulesD + "/" + $0, bytes: byName[$0]!, parser: parser)
        }
        let linter = RuleLinter(native: native, accounts: files.root == "/" ? .host : .reading(files),
                                pathExists: { files.exists($0) }, isDirectory: { files.isDirectory($0) })
        let report = linter.lint(ruleFiles)
        guard report.errorCount == 0 else {
            let errors = report.findings.filter { $0.severity == .error }
            throw .refused("rules.d would be refused: " + errors.prefix(5).map { "\($0.location): \($0.message)" }.joined(separator: "; ")
                + (errors.count > 5 ? "; and \(errors.count - 5) more (dockaudit rules lint)" : "") + ". Nothing was written.")
        }
    }

    private func run(_ arguments: [String]) -> Int32 {
        ProgramRun.run("/usr/bin/env", arguments)?.status ?? -1
    }
}
