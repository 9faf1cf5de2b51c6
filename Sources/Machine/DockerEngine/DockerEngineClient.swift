import AsyncHTTPClient
import Dispatch
import NIOCore
import HostIO
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A container as the Docker Engine API describes it (`GET /containers/json?all=1`).
public struct EngineContainer: Sendable, Equatable, Decodable {
    public var id: String
    public var names: [String]
    public var image: String

    enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image"
    }

    /// The first name without Docker's leading slash.
    public var name: String? { names.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } }
}

/// Asks the Docker Engine over its unix socket, through AsyncHTTPClient.
public struct DockerEngineClient: Sendable {
    public var socket: String
    package var timeout: TimeAmount

    public init(socket: String = "/var/run/docker.sock", timeout: TimeAmount = .seconds(3)) {
        self.socket = socket
        self.timeout = timeout
    }

    /// Every container the engine knows, running or not.
    public func containers() async throws -> [EngineContainer] {
        let escaped = socket.utf8.map { byte -> String in
            let char = Character(UnicodeScalar(byte))
            return char.isLetter || char.isNumber || char == "." || char == "-" || char == "_" ? String(char) : "%" + String(byte, radix: 16, uppercase: true)
        }.joined()
        var request = HTTPClientRequest(url: "http+unix://\(escaped)/containers/json?all=1")
        request.method = .GET
        // The engine (Go's net/http) refuses the socket path as a Host header.
        request.headers.replaceOrAdd(name: "Host", value: "docker")
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        guard response.status == .ok else { throw EngineError(message: "the engine answered \(response.status.code)") }
        let body = try await response.body.collect(upTo: 16 << 20)
        return try JSONDecoder().decode([EngineContainer].self, from: Data(body.readableBytesView))
    }

    /// `containers()` from synchronous code; nil (with the reason) when the engine cannot be asked.
    func containersNow() -> Result<[EngineContainer], EngineError> {
        // AsyncHTTPClient retries a refused connection until its timeout: a host without a
        // running engine would cost every command three seconds.
        if case .failure(let error) = UnixSocket.isListening(socket) {
            return .failure(EngineError(message: error.explanation))
        }
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let client = self
        Task {
            do { box.result = .success(try await client.containers()) } catch let error as EngineError {
                box.result = .failure(error)
            } catch {
                box.result = .failure(EngineError(message: "\(error)"))
            }
            done.signal()
        }
        done.wait()
        return box.result ?? .failure(EngineError(message: "no answer"))
    }
}

struct EngineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<[EngineContainer], EngineError>?
}

extension DockerEngineClient: ContainerEngine {
    public var address: String { socket }

    public func listContainers() -> Result<[EngineContainerEntry], any Error> {
        containersNow().map { $0.map { EngineContainerEntry(id: $0.id, name: $0.name, image: $0.image) } }.mapError { $0 }
    }
}
