#if canImport(Glibc)
import Glibc
#endif

/// A stream connection to a unix socket, made with plain `connect(2)`.
public enum UnixSocket {
    /// A connected descriptor, or the errno of the failure (ENOENT: no socket file; ECONNREFUSED: nobody listening).
    public static func connect(_ path: String) -> Result<Int32, HostError> {
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return .failure(HostError(path: path, errno: errno)) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(MemoryLayout.size(ofValue: address.sun_path) - 1))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let failure = HostError(path: path, errno: errno)
            close(socketFD)
            return .failure(failure)
        }
        return .success(socketFD)
    }

    /// Whether something listens on `path` now: a quick answer before a client that would
    /// retry a refused connection until its timeout.
    public static func isListening(_ path: String) -> Result<Void, HostError> {
        connect(path).map { close($0) }
    }
}
