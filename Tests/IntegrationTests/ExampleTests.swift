import Foundation
import Testing

/// Every program under Examples/ runs and says what Examples/README.md says it shows:
/// the library products' public API, used as a newcomer would use it, keeps working.
@Suite struct ExampleTests {
    static let expected: [(name: String, says: String)] = [
        ("SearchEvents", "name=/etc/docker/daemon.json"),
        ("ReadHostFiles", "docker socket: /run/docker.sock mode 660"),
        ("LintRules", "error[unknown-field]: unknown field 'nosuchfield'"),
        ("CheckHost", "fail auditd-conf-disk-full-action"),
        ("BootTiming", "docker.service 5.201 s"),
        ("TraceContainers", "started by: alice (session 3): docker run -d --name web busybox"),
        ("ExplainEvents", "alice successfully ran the command 'cat /etc/shadow'"),
        ("DetectAttacks", "HIGH container-mount: /bin/mount mounted a filesystem, in container web (busybox), by alice"),
        ("FollowEvents", "\"container\":{\"id\":\"0fc5e54edb17534099b2b3fde6007ce958e021544d0ccd4d52fdecaf1edb635a\",\"name\":\"web\",\"image\":\"busybox\""),
        ("FuzzOnce", "FuzzEscaping holds"),
    ]

    @Test(arguments: expected.map(\.name))
    func runsAndSaysWhatItShows(_ name: String) throws {
        let program = (Environment.binary as NSString).deletingLastPathComponent + "/" + name
        guard FileManager.default.isExecutableFile(atPath: program) else {
            Issue.record("\(program) is not built: swift build builds every example")
            return
        }
        let result = try run(program, [])
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let says = Self.expected.first { $0.name == name }!.says
        #expect(String(decoding: result.stdout, as: UTF8.self).contains(says), "\(name) no longer says: \(says)")
    }
}
