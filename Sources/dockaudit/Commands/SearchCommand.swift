import ArgumentParser
import AuditLog
#if canImport(Glibc)
import Glibc
#endif

/// `dockaudit search`: ausearch's selection and output over audit logs.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Select audit events, with ausearch's options and formats.",
        discussion: "Exit status: 0 when events matched, 1 when none did, 2 on usage or I/O errors."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .customLong("format"), help: "default, raw, interpret or json.")
    var format: String?

    @Flag(name: [.customShort("i"), .customLong("interpret")], help: "Same as --format interpret.")
    var interpret = false

    @Flag(name: [.customShort("r"), .customLong("raw")], help: "Same as --format raw.")
    var raw = false

    func validate() throws {
        if let format, OutputFormat(rawValue: format) == nil {
            throw ValidationError("--format takes default, raw, interpret or json, not '\(format)'")
        }
    }

    func run() throws {
        let criteria = try selection.criteria()
        let chosen: OutputFormat = raw ? .raw : interpret ? .interpret : format.flatMap(OutputFormat.init) ?? .default
        let writer = EventWriter(format: chosen, escapeControlCharacters: isatty(1) == 1)
        let files: [String]
        do {
            files = try LogSources.resolve(input.inputs)
        } catch let error as InputError {
            StandardError.write("dockaudit: \(error)")
            throw ExitCode(2)
        }
        var scanner = EventStream()
        scanner.needle = criteria.needle
        scanner.timeRange = criteria.timeRange
        let matched: Int
        do {
            matched = try scanner.scan(files: files, workers: 2, handle: { event, proven, out in
                guard criteria.matches(event, needleProven: proven) else { return 0 }
                writer.write(event, into: &out)
                return 1
            }, output: { out in try out.flush(to: 1) })
        } catch let error as InputError {
            StandardError.write("dockaudit: \(error)")
            throw ExitCode(2)
        }
        if let warning = scanner.diagnostics.summary { StandardError.write(warning) }
        if matched == 0 {
            StandardError.write("<no matches>")
            throw ExitCode(1)
        }
    }
}
