import ArgumentParser
import AuditRules
import HostCheck
#if canImport(Glibc)
import Glibc
#endif
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
            for change in plan.files {
                print("# \(change.path): \(change.reason)")
                print(UnifiedDiff.make(old: change.before.map { String(decoding: $0, as: UTF8.self) } ?? "",
                                       new: String(decoding: change.after, as: UTF8.self),
                                       oldName: change.before == nil ? "/dev/null" : change.path, newName: change.path),
                      terminator: "")
            }
            for change in plan.permissions { print("\(change.command)   # \(change.reason)") }
            for command in plan.commands { print("\(command.text)   # \(command.reason)") }
            if plan.loadRules { print("dockaudit rules load   # load rules.d into the kernel") }
            print("(dry run: nothing was changed; run again with --apply)")
            return
        }
        var now = time(nil)
        var utc = tm()
        gmtime_r(&now, &utc)
        var buffer = [CChar](repeating: 0, count: 32)
        strftime(&buffer, buffer.count, "%Y%m%dT%H%M%S", &utc)
        let stamp = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let applier = FixApplier(files: files, control: host.root == nil ? Auditctl() : nil,
                                 backupDirectory: "/var/backups/dockaudit/\(stamp)")
        do {
            for line in try applier.apply(plan, native: .host) { print(line) }
        } catch {
            StandardError.write("dockaudit: \(error)")
            throw ExitCode(1)
        }
    }
}
