import AsyncHTTPClient
import Dispatch
import Foundation
import HostIO
import NIOCore

/// ClickHouse's HTTP interface through AsyncHTTPClient: the query in the URL, rows in the
/// body, the user and password as HTTP basic authentication (never on a command line). An
/// https URL is TLS with the system's trust roots.
public struct ClickHouseHTTP: ClickHouseTransport {
    public var url: String
    public var user: String?
    public var password: String?
    public var timeout: TimeAmount

    public init(url: String, user: String? = nil, password: String? = nil, timeout: TimeAmount = .seconds(60)) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.user = user
        self.password = password
        self.timeout = timeout
    }

    public func execute(_ query: String, body: [UInt8]?) -> Result<[UInt8], ClickHouseFailure> {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let client = self
        Task {
            box.result = await client.send(query, body: body)
            done.signal()
        }
        done.wait()
        return box.result ?? .failure(ClickHouseFailure(kind: .unreachable, message: "\(url): no answer"))
    }

    private func send(_ query: String, body: [UInt8]?) async -> Result<[UInt8], ClickHouseFailure> {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=?#")
        let encoded = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? query
        var request = HTTPClientRequest(url: "\(url)/?query=\(encoded)")
        request.method = .POST
        if let user {
            let token = Data("\(user):\(password ?? "")".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(token)")
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            let answer = try await response.body.collect(upTo: 256 << 20)
            let bytes = Array(answer.readableBytesView)
            guard response.status == .ok else {
                return .failure(ClickHouseFailure.fromServer(status: Int(response.status.code), body: String(decoding: bytes, as: UTF8.self)))
            }
            return .success(bytes)
        } catch {
            return .failure(ClickHouseFailure(kind: .unreachable, message: "\(url) did not answer (\(error))"))
        }
    }
}

private final class Box: @unchecked Sendable {
    var result: Result<[UInt8], ClickHouseFailure>?
}
