import Foundation
import HostIO

/// What the server has acknowledged, so a restart sends nothing twice and loses nothing:
/// the first `acknowledged` events of these inputs, for this table and node, the last of them
/// `lastID`. Another target or other inputs start from the beginning (the table's dedupe
/// makes that safe), as does a log whose `acknowledged`-th event is no longer `lastID`.
public struct ShipCheckpoint: Codable, Sendable, Equatable {
    public var target: String
    public var inputs: [String]
    public var acknowledged: Int
    public var lastID: String?

    public init(target: String, inputs: [String], acknowledged: Int = 0, lastID: String? = nil) {
        self.target = target
        self.inputs = inputs
        self.acknowledged = acknowledged
        self.lastID = lastID
    }

    enum CodingKeys: String, CodingKey {
        case target, inputs, acknowledged, lastID = "last_id"
    }

    public static func load(_ path: String) throws -> ShipCheckpoint? {
        let files = LocalHostFiles()
        guard files.exists(path) else { return nil }
        guard let bytes = files.read(path) else { throw HostError(path: path, reason: .permissionDenied) }
        do { return try JSONDecoder().decode(ShipCheckpoint.self, from: Data(bytes)) } catch {
            throw HostError(path: path, reason: .other("not a ship checkpoint (remove it to ship from the start)"))
        }
    }

    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(self)), to: path, mode: 0o600)
    }
}
