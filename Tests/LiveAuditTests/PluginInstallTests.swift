import HostIO
import LiveAudit
import Testing

/// What auditd would refuse, said before it does; the options file auditd cannot carry in `args`.
@Suite struct PluginInstallTests {
    @Test func auditdsConditionsOnTheBinaryAreNamed() {
        let good = FileStatus(kind: .file, uid: 0, gid: 0, mode: 0o755)
        #expect(PluginInstall.problems(binary: "/usr/local/bin/dockaudit", status: good).isEmpty)
        let bad = FileStatus(kind: .file, uid: 1000, gid: 0, mode: 0o777)
        let found = PluginInstall.problems(binary: "/home/alice/dockaudit", status: bad)
        #expect(found.count == 3)
        #expect(found.contains { $0.contains("not owned by root") })
        #expect(found.contains { $0.contains("group-writable") })
        #expect(found.contains { $0.contains("world-writable") })
        #expect(PluginInstall.problems(binary: "dockaudit", status: good) == ["dockaudit: the path must be absolute"])
        #expect(PluginInstall.problems(binary: "/nowhere", status: nil) == ["/nowhere: no such file"])
    }

    @Test func theConfigurationPassesTwoArgumentsAndTheOptionsRoundTrip() {
        let text = PluginInstall.configuration(binary: "/usr/local/bin/dockaudit", optionsFile: "/etc/dockaudit/plugin.options")
        #expect(text.contains("args = plugin --config=/etc/dockaudit/plugin.options\n"))
        #expect(text.contains("format = string\n") && text.contains("direction = out\n") && text.contains("type = always\n"))
        let arguments = ["--output", "/var/log/dockaudit/events.json", "--rotate-keep", "5", "--include-own"]
        #expect(PluginInstall.arguments(inOptions: PluginInstall.options(arguments)) == arguments)
        #expect(PluginInstall.arguments(inOptions: "--output a b\n") == nil)
    }
}
