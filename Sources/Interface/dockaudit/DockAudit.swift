import ArgumentParser
import AuditLog
import CGlibcExtras
import Glibc
import HostIO

/// The `dockaudit` command: a thin layer that turns options into calls of the libraries
/// (AuditLog, AuditRules, HostCheck, BootAnalysis, ContainerTrace, DockerEngine).
@main
struct DockAudit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockaudit",
        abstract: "Make the Linux audit framework usable on Docker hosts.",
        version: "0.1.0",
        subcommands: [SearchCommand.self, RulesCommand.self, CheckCommand.self, FixCommand.self, BootCommand.self,
                      ContainersCommand.self, TreeCommand.self, ReportCommand.self, DetectCommand.self,
                      FollowCommand.self, PluginCommand.self, ShipCommand.self]
    )

    /// Exit status: 0 found, 1 nothing found, 2 usage or I/O error (as ausearch).
    static func main() {
        // Keep freed large arrays (each block's line index) in the heap for the next block,
        // instead of mapping fresh zeroed pages for every one.
        dockaudit_keep_freed_blocks(16 << 20)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch let failure as UserFacingError {
            StandardError.write("dockaudit: \(failure)")
            Glibc.exit(2)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Glibc.exit(0)
            }
            // Usage errors read as ArgumentParser writes them: "Error: …", then the command's usage.
            if !message.isEmpty { StandardError.write(message.hasPrefix("Error: ") ? message : "dockaudit: \(message)") }
            Glibc.exit(code == .validationFailure || code == .failure ? 2 : code.rawValue)
        }
    }
}
