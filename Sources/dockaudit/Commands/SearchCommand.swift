import ArgumentParser
import AuditLog
import AuditRules
import AuditReport
import ContainerTrace
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
    @OptionGroup var outcome: SuccessValueOption

    @Option(name: .customLong("format"), help: "default, raw, interpret, json, or text (one sentence per event).")
    var format: String?

    @Flag(name: [.customShort("i"), .customLong("interpret")], help: "Same as --format interpret.")
    var interpret = false

    @Flag(name: [.customShort("r"), .customLong("raw")], help: "Same as --format raw.")
    var raw = false

    @Option(name: .customLong("container"), help: "Only events from this container (name or id prefix; repeatable).")
    var containers: [String] = []

    @Flag(name: .customLong("in-container"), help: "Only events from processes in a container.")
    var inContainer = false

    @Flag(name: .customLong("on-host"), help: "Only events from processes on the host.")
    var onHost = false

    @Flag(help: "No progress display on stderr (shown for long scans when results go to a file or pipe).")
    var quiet = false

    @Flag(name: .customLong("attribute"), help: "Add container and actor to JSON events (implied by the container options).")
    var attribute = false

    /// Container options read the log twice: once for the process history, then to select.
    /// Sentences name the container too, when the log is in files (standard input is read once).
    private var usesContainers: Bool { !containers.isEmpty || inContainer || onHost || attribute }

    private var sentences: Bool { format == "text" }

    func validate() throws {
        if let format, OutputFormat(rawValue: format) == nil, format != "text" {
            throw ValidationError("--format takes default, raw, interpret, json or text, not '\(format)'")
        }
    }

    func run() throws {
        var selected = try selection.criteria()
        selected.success = try outcome.value()
        let criteria = selected
        let chosen: OutputFormat = raw ? .raw : interpret ? .interpret : format.flatMap(OutputFormat.init) ?? .default
        var writer = EventWriter(format: chosen, escapeControlCharacters: isatty(1) == 1)
        let files = try input.files(refusingStandardInput: usesContainers ? ContainerLog.readsTwice : nil)
        var place: (@Sendable (AuditEvent) -> Bool)?
        var containerName: (@Sendable (AuditEvent) -> String?)?
        if usesContainers || (sentences && !files.contains("-")) {
            let catalog = ContainerLog.catalog(try ContainerLog.history(files), root: nil)
            containerName = { event in
                ProcessHistory.sighting(in: event).flatMap { catalog.attributor.container(of: $0) }.map { catalog.label(for: $0) }
            }
            var wanted: Set<String> = []
            for reference in containers {
                guard let info = catalog.find(reference) else {
                    StandardError.write("dockaudit: no container '\(reference)' in the log")
                    throw ExitCode(1)
                }
                wanted.insert(info.id)
            }
            let (inside, host, chosen) = (inContainer, onHost, wanted)
            place = { event in
                let id = ProcessHistory.sighting(in: event).flatMap { catalog.attributor.container(of: $0) }
                if host { return id == nil }
                if inside && id == nil { return false }
                return chosen.isEmpty || id.map(chosen.contains) == true
            }
            writer.extraJSONMembers = { catalog.jsonMembers(for: $0, userName: ContainerLog.userName) }
        }
        let (selectPlace, write, nameContainer) = (place, writer, containerName)
        let names = LocalNameResolver()
        let sentence = sentences ? EventSentence(userName: { names.userName($0) }) : nil
        // Results on the terminal show progress themselves; to a file or pipe, say how far the scan is.
        let meter = isatty(1) == 1 ? nil : ProgressMeter.forFiles(files, quiet: quiet)
        var scanner = EventStream()
        scanner.onProgress = meter.map { meter in { meter.update($0) } }
        scanner.needle = criteria.needle
        scanner.timeRange = criteria.timeRange
        let matched: Int
        do {
            matched = try scanner.scan(files.map(LogInput.path), workers: 2, handle: { event, proven, out in
                guard criteria.matches(event, needleProven: proven), selectPlace?(event) ?? true else { return 0 }
                if let sentence {
                    out.append(Escaping.terminal(sentence.sentence(for: event, place: nameContainer?(event))))
                    out.append("\n")
                } else {
                    write.write(event, into: &out)
                }
                return 1
            }, output: { out in try out.flush(to: 1) })
        } catch {
            meter?.finish()
            throw error
        }
        meter?.finish()
        if let warning = scanner.diagnostics.summary { StandardError.write(warning) }
        if matched == 0 {
            StandardError.write("<no matches>")
            throw ExitCode(1)
        }
    }
}
