import AuditRules
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Carries out a `FixPlan`: each file backed up and written atomically, owners and modes
/// set, commands run where they exist, the rules loaded. Under an offline root only files
/// and modes change; commands and loading are left to the host that boots from it.
public struct FixApplier: Sendable {
    public var files: LocalHostFiles
    public var control: (any AuditControl)?
    /// Suffix of backups: `path` + this.
    public var backupSuffix: String

    public init(files: LocalHostFiles, control: (any AuditControl)?, backupSuffix: String) {
        self.files = files
        self.control = control
        self.backupSuffix = backupSuffix
    }

    /// Applies the plan; returns what was done, line by line. Throws on the first failure,
    /// with everything before it done and said.
    public func apply(_ plan: FixPlan, native: RuleArch) throws(RulesError) -> [String] {
        var done: [String] = []
        for change in plan.files {
            let real = files.real(change.path)
            if let before = change.before {
                try AtomicFile.write(before, to: real + backupSuffix, mode: mode_t(change.mode))
                done.append("backed up \(change.path) to \(change.path + backupSuffix)")
            } else {
                if let slash = real.lastIndex(of: "/"), slash != real.startIndex {
                    try? FileManager.default.createDirectory(atPath: String(real[..<slash]), withIntermediateDirectories: true)
                }
            }
            try AtomicFile.write(change.after, to: real, mode: mode_t(change.mode))
            done.append("wrote \(change.path) (\(change.reason))")
        }
        for change in plan.permissions {
            let real = files.real(change.path)
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

    private func run(_ arguments: [String]) -> Int32 {
        ProgramRun.run("/usr/bin/env", arguments)?.status ?? -1
    }
}
