/// A host made of data: files with owners and modes, and links, for checks, tests and
/// fuzzers that must not touch the disk.
public struct MemoryHostFiles: HostFiles {
    public struct Entry: Sendable {
        public var bytes: [UInt8]
        public var status: FileStatus
    }

    package var entries: [String: Entry] = [:]
    /// Symbolic links by path, with absolute targets (`/lib` → `/usr/lib`).
    package var links: [String: String] = [:]

    public init() {}

    public mutating func file(_ path: String, _ text: String, mode: UInt32 = 0o644, uid: UInt32 = 0, gid: UInt32 = 0) {
        entries[path] = Entry(bytes: Array(text.utf8), status: FileStatus(kind: .file, uid: uid, gid: gid, mode: mode))
        var parent = path
        while let slash = parent.lastIndex(of: "/"), slash != parent.startIndex {
            parent = String(parent[..<slash])
            if entries[parent] == nil { directory(parent) }
        }
    }

    public mutating func directory(_ path: String, mode: UInt32 = 0o755, uid: UInt32 = 0, gid: UInt32 = 0) {
        entries[path] = Entry(bytes: [], status: FileStatus(kind: .directory, uid: uid, gid: gid, mode: mode))
    }

    public mutating func socket(_ path: String, mode: UInt32, uid: UInt32 = 0, gid: UInt32) {
        file(path, "", mode: mode, uid: uid, gid: gid)
        entries[path]!.status.kind = .socket
    }

    public func exists(_ path: String) -> Bool { entries[path] != nil }
    public func isDirectory(_ path: String) -> Bool { entries[path]?.status.kind == .directory }
    public func read(_ path: String) -> [UInt8]? { entries[path].flatMap { $0.status.kind == .directory ? nil : $0.bytes } }
    public func list(_ directory: String) -> [String] {
        entries.keys.filter { $0.hasPrefix(directory + "/") && !$0.dropFirst(directory.count + 1).contains("/") }
            .map { String($0.dropFirst(directory.count + 1)) }.sorted()
    }
    public func resolve(_ path: String, followLast: Bool) -> PathResolution {
        PathResolver.resolve(path, followLast: followLast) { candidate in
            if let target = links[candidate] { return .link(target: target) }
            guard let entry = entries[candidate] else { return .missing }
            return entry.status.kind == .directory ? .directory : .other
        }
    }
    public func status(_ path: String) -> FileStatus? { entries[path]?.status }
}

