import ArgumentParser
import ContainerTrace
import HostIO

/// `dockaudit containers`: every container seen in the log, who started it, what it did.
struct ContainersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "containers",
        abstract: "List the containers seen in the audit log: name, id, image, who started them, what they did.")

    @OptionGroup var input: InputOptions
    @Option(help: "Read Docker's container files (config.v2.json) under this root instead of /.") var root: String?
    @OptionGroup var format: TextOrJSONOption

    func run() throws {
        let files = try input.files()
        let catalog = try ContainerSource.scan(root: root).counted(LogFiles.open(files))
        print(format.isJSON ? catalog.json() : catalog.text(userName: ContainerSource.userName), terminator: "")
    }
}
