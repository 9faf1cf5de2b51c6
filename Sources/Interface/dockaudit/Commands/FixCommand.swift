import ArgumentParser
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
        let plan = FixRun.plan(try host.snapshot(), root: host.root, immutable: immutable)
        if plan.isEmpty { return print("nothing to change") }
        guard apply else { return print(plan.dryRunText(), terminator: "") }
        do {
            for line in try FixRun.apply(plan, root: host.root) { print(line) }
        } catch {
            StandardError.write("dockaudit: \(error)")
            throw ExitCode(1)
        }
    }
}
