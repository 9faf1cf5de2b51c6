/// Recognizes the runtimes' launch chains: `containerd-shim-runc-v2 …
/// -id <id>` (Docker, containerd), `conmon … -c <id>` (Podman), and `runc init`, the
/// runtime's first step inside a container.
enum LaunchChains {
    /// The container id a shim or conmon command line holds — or a runc/crun one that
    /// creates, runs or execs in a container (`runc … exec … <id>`), which stands in for
    /// the shim when the log starts after the container was launched.
    package static func containerID(shim argv: [String]) -> String? {
        guard let program = argv.first?.split(separator: "/").last else { return nil }
        if program == "runc" || program == "crun" {
            guard argv.contains(where: { ["create", "run", "exec"].contains($0) }), let id = argv.last,
                  id.count == 64, id.allSatisfy(\.isHexDigit) else { return nil }
            return id
        }
        let flag: String
        if program.hasPrefix("containerd-shim") { flag = "-id" } else if program == "conmon" { flag = "-c" } else { return nil }
        guard let index = argv.firstIndex(of: flag), index + 1 < argv.count else { return nil }
        let id = argv[index + 1]
        return id.count >= 12 && id.allSatisfy(\.isHexDigit) ? id : nil
    }

    /// Whether a command line is the runtime's in-container init (`runc init`, crun's too).
    static func isRuntimeInit(_ argv: [String]) -> Bool {
        guard argv.count >= 2, let program = argv[0].split(separator: "/").last else { return false }
        return (program == "runc" || program == "crun") && argv[1] == "init"
    }
}
