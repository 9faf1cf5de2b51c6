#if canImport(Glibc)
import Glibc
#endif

extension FixPlan {
    /// The dry run: a unified diff per file, then the owner/mode changes, the commands and
    /// the rule load, each with its reason, as `fix` prints them without `--apply`.
    public func dryRunText() -> String {
        var text = ""
        for change in files {
            text += "# \(change.path): \(change.reason)\n"
            text += UnifiedDiff.make(old: change.before.map { String(decoding: $0, as: UTF8.self) } ?? "",
                                     new: String(decoding: change.after, as: UTF8.self),
                                     oldName: change.before == nil ? "/dev/null" : change.path, newName: change.path)
        }
        for change in permissions { text += "\(change.command)   # \(change.reason)\n" }
        for command in commands { text += "\(command.text)   # \(command.reason)\n" }
        if loadRules { text += "dockaudit rules load   # load rules.d into the kernel\n" }
        return text + "(dry run: nothing was changed; run again with --apply)\n"
    }
}

extension FixApplier {
    /// Where `fix --apply` keeps the files it replaces: one folder per run, named for the UTC time.
    public static func backupDirectory(at seconds: Int) -> String {
        var now = time_t(seconds)
        var utc = tm()
        gmtime_r(&now, &utc)
        var buffer = [CChar](repeating: 0, count: 32)
        strftime(&buffer, buffer.count, "%Y%m%dT%H%M%S", &utc)
        return "/var/backups/dockaudit/" + String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
