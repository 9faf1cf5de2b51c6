#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditLog
import HostIO

/// Where `follow --state` resumes: the position of the oldest line in an event not yet
/// printed (`LiveGrouper.resumePosition`) and the events after it already printed, so a
/// restart after a crash or `kill -9` reads those lines again and prints nothing twice
/// that it can tell was printed (what was printed after the last save comes again, with
/// the same event ids).
public struct FollowState: Codable, Sendable, Equatable {
    public var position: LogPosition
    /// `seconds.milliseconds:serial`, with ` node` after it when the event has one.
    public var printed: [String]

    public init(position: LogPosition, printed: [EventID]) {
        self.position = position
        self.printed = printed.map { $0.text + ($0.node.map { " " + $0 } ?? "") }
    }

    /// The printed events' ids.
    public var printedIDs: Set<EventID> {
        Set(printed.compactMap { text in
            let parts = text.split(separator: " ", maxSplits: 1)
            guard let stamp = parts.first, let colon = stamp.firstIndex(of: ":"), let dot = stamp.firstIndex(of: "."),
                  dot < colon, let seconds = Int64(stamp[..<dot]), let milliseconds = Int32(stamp[stamp.index(after: dot)..<colon]),
                  let serial = UInt64(stamp[stamp.index(after: colon)...]) else { return nil }
            return EventID(seconds: seconds, milliseconds: milliseconds, serial: serial, node: parts.count > 1 ? String(parts[1]) : nil)
        })
    }

    /// The state in `path`; nil when there is none yet. A file that is not a state is an error naming it.
    public static func load(_ path: String) throws -> FollowState? {
        let file = LocalHostFiles()
        guard file.exists(path) else { return nil }
        guard let bytes = file.read(path) else { throw HostError(path: path, reason: .permissionDenied) }
        do {
            return try JSONDecoder().decode(FollowState.self, from: Data(bytes))
        } catch {
            throw HostError(path: path, reason: .other("not a follow state file (remove it to start afresh)"))
        }
    }

    /// Replaces the file at `path` atomically.
    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(self)), to: path, mode: 0o600)
    }
}
