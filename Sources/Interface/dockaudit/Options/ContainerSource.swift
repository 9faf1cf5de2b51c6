import AuditRules
import ContainerTrace
import DockerEngine
import HostIO

/// Wires `ContainerScan` to this host: its files under `root`, Docker's data root as
/// discovered there, and the engine's socket when the host is live.
enum ContainerSource {
    static func scan(root: String?) -> ContainerScan {
        let files = LocalHostFiles(root: root ?? "/")
        let engine = root == nil ? DockerSocket.find(files).map { DockerEngineClient(socket: $0) } : nil
        var scan = ContainerScan(files: files, dataRoot: DockerHost(discoveringOn: files).dataRoot, engine: engine, isLive: root == nil)
        scan.warn = { StandardError.write("dockaudit: \($0)") }
        return scan
    }

    /// This host's account names, looked up once each.
    static let names = LocalNameResolver()
    static let userName: @Sendable (UInt32) -> String? = { names.userName($0) }
}
