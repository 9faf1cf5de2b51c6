import ArgumentParser
import AuditRules
import Glibc
import HostCheck
import HostIO

/// `dockaudit fix`: what `check` found wrong, changed safely. A dry run unless --apply.
struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Show (or with --apply make) the changes that fix what dockaudit check finds.",
        discussion: "Without --apply nothing is written: a unified diff per file, and the commands. With --apply each file is backed up and written atomically, owners and modes set, the boot configuration regenerated where its tool exists, and the rules loaded. -e 2 is written only with --immutable. Exit status: 0 done (or nothing to do), 1 when applying failed, 2 on usage errors.")

    @OptionGroup var host: HostOptions
    @Flag(help: "Make the changes (default: only show them).")
    var apply = false
    @Flag(help: "Also lock the rules with -e 2 (rule changes then need a reboot).")
    var immutable = false

    func run() throws {
        let snapshot = try host.snapshot()
        let report = HostChecker().check(snapshot)
        let files = LocalHostFiles(root: host.root ?? "/")
        let plan = FixPlan(snapshot: snapshot, report: report, immutable: immutable,
                           programExists: { files.real($0).map(ProgramRun.isExecutable) ?? false })
        if plan.isEmpty {
            print("nothing to change")
            return
        }
        guard apply else {
            print(plan.dryRunText(), terminator: "")
            return
        }
        let applier = FixApplier(files: files, control: host.root == nil ? Auditctl() : nil,
                                 backupDirectory: FixApplier.backupDirectory(at: Int(time(nil))))
        do {
            for line in try applier.apply(plan, native: .host) { print(line) }
        } catch {
            StandardError.write("dockaudit: \(error)")
            throw ExitCode(1)
        }
    }
}
