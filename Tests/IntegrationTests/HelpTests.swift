import Foundation
import Testing

/// Help as a user meets it: each command's own usage on a bad value, each default said
/// once, and the shell completions and manual that ship with the build.
@Suite struct HelpTests {
    static let commands: [[String]] = [["search"], ["rules"], ["rules", "merge"], ["rules", "lint"], ["rules", "load"],
                                       ["rules", "generate"], ["rules", "diff"], ["check"], ["fix"], ["boot"],
                                       ["containers"], ["tree"], ["report"]]

    @Test(arguments: [
        (["search", "-m", "NOT_A_TYPE"], "dockaudit search"),
        (["search", "-sv", "maybe"], "dockaudit search"),
        (["report", "-sc", "no_such_call"], "dockaudit report"),
        (["check", "--only", "no-such-check"], "dockaudit check"),
        (["tree"], "dockaudit tree"),
        (["rules", "lint", "--format", "xml"], "dockaudit rules lint"),
    ])
    func aBadValueShowsTheUsageOfItsCommand(arguments: [String], usage: String) throws {
        let result = try run(Environment.binary, arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: \(usage) "), "\(result.stderr)")
        #expect(result.stderr.contains("See '\(usage) --help'"))
    }

    @Test func everyDefaultIsSaidOnce() throws {
        for command in Self.commands {
            let help = try run(Environment.binary, command + ["--help"])
            #expect(help.status == 0)
            let text = String(decoding: help.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            // ArgumentParser adds "(default: X)" itself; a help text that says it too repeats it.
            for own in ["(default ", "(default)"] {
                #expect(!text.contains(own), "\(command.joined(separator: " ")): \(own)")
            }
        }
    }

    @Test func completionScriptsNameEveryCommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try run(Environment.binary, ["--generate-completion-script", shell])
            #expect(script.status == 0)
            let text = String(decoding: script.stdout, as: UTF8.self)
            for command in ["search", "rules", "check", "fix", "boot", "containers", "tree", "report"] {
                #expect(text.contains(command), "\(shell): \(command)")
            }
        }
    }

    @Test func theManualDescribesEveryCommand() throws {
        let page = try String(contentsOf: Environment.packageRoot.appendingPathComponent("docs/man/dockaudit.1"), encoding: .utf8)
        #expect(page.contains(".Dt DOCKAUDIT 1"))
        for command in ["search", "rules", "check", "fix", "boot", "containers", "tree", "report"] {
            #expect(page.contains(".It Em \(command)"), "\(command)")
        }
    }
}
