import ArgumentParser
import ContainerTrace
import HostIO

/// `dockaudit tree`: a process's ancestry at a moment.
struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Show a process's ancestry from the audit log: each hop with its program, uid and auid, and its container.")

    @OptionGroup var input: InputOptions
    @Option(help: "The process id.") var pid: Int?
    @Option(help: "The moment, in seconds since the epoch (default: the process's last sighting).") var at: Double?
    @Option(help: "The serial of an event: the ancestry of its process at its time.") var event: UInt64?

    func validate() throws {
        guard (pid == nil) != (event == nil) else { throw ValidationError("give --pid or --event") }
    }

    func run() throws {
        let files = try input.files()
        guard let text = try ContainerSource.scan(root: nil).tree(LogFiles.open(files), pid: pid, at: at, event: event,
                                                                  userName: ContainerSource.userName) else {
            StandardError.write("dockaudit: no such process or event in the log")
            throw ExitCode(1)
        }
        print(text, terminator: "")
    }
}
