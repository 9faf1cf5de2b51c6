import AuditLog

/// What aureport reads of one event: its time and serial, the type of its first record,
/// the types of all its records, and the identity facts ausearch extracts.
package struct ReportEvent: Sendable {
    public let id: EventID
    /// The type of the event's first record (aureport's `l->head->type`).
    let headType: Int
    package let recordTypes: [Int]
    let records: [AuditRecord]
    package let facts: EventFacts
    /// File names as ausearch lists them: PATH names in record order (relative ones joined
    /// to the cwd), and the paths of unix sockets; each with whether it is the last field
    /// of a PARENT PATH record (the only PARENT that aureport's File Report skips).
    public let files: [(name: String, trailingParent: Bool)]

    /// The event as a report reads it; `needs` leaves out what the report does not count.
    public init(_ event: AuditEvent, needs: Needs = .everything) {
        id = event.id
        headType = event.records.first?.type.number ?? 0
        recordTypes = event.records.map(\.type.number)
        records = event.records
        facts = EventFacts(event, wanted: needs.facts)
        files = needs.files ? ReportEvent.fileNames(event.records) : []
    }

    /// Which facts a report reads of each event, and whether it reads the file names.
    public struct Needs: Sendable {
        var facts: EventFacts.Wanted
        var files: Bool
        /// Everything; the HTML overview and the people report read it all.
        public static let everything = Needs(facts: .all, files: true)
    }

    /// The uid aureport's User Report requires: a daemon record's counts only when it
    /// follows the pid (auditd writes DAEMON_ROTATE's before it, and aureport misses it).
    var hasUID: Bool {
        guard MessageType.daemonMessages.contains(headType), let record = records.first else {
            return facts.uid != nil || facts.anomalyUID != nil
        }
        let fields = record.fields.map(\.name)
        guard let pid = fields.firstIndex(of: "pid"), let uid = fields.lastIndex(of: "uid") else { return false }
        return uid > pid
    }

    /// Whether any record's type lies in `range`.
    public func has(_ range: ClosedRange<Int>) -> Bool { recordTypes.contains { range.contains($0) } }
    public func has(_ type: MessageType) -> Bool { recordTypes.contains(type.number) }

    /// The event's login uid as aureport prints it raw: `-1` for unset.
    public var auid: Int32? { facts.auid.map { Int32(truncatingIfNeeded: $0) } }

    static func fileNames(_ records: [AuditRecord]) -> [(name: String, trailingParent: Bool)] {
        var cwdRecord: AuditRecord?
        var files: [(String, Bool)] = []
        for record in records {
            switch record.type {
            case .cwd:
                if cwdRecord == nil { cwdRecord = record }
            case .path:
                guard var name = record.text(of: "name") else { continue }
                if name.hasPrefix("..") || name.hasPrefix("./"), let cwd = cwdRecord?.text(of: "cwd") { name = cwd + "/" + name }
                let body = record.bytes[record.bodyStart..<record.bodyEnd]
                files.append((name, body.reversed().starts(with: "nametype=PARENT".utf8.reversed())))
            case .sockaddr:
                if let path = record.value(of: "saddr").flatMap(Self.unixSocketPath) { files.append((path, false)) }
            default: break
            }
        }
        return files
    }

    /// The path of an AF_UNIX socket address in hex (`0100…`), or its abstract name.
    static func unixSocketPath(_ hex: String) -> String? {
        guard let bytes = HexText.decodeBytes(ArraySlice(hex.utf8)), bytes.count > 2, bytes[0] == 1, bytes[1] == 0 else { return nil }
        let path = bytes[2...]
        let start = path.first == 0 ? path.startIndex + 1 : path.startIndex
        let name = path[start...].prefix { $0 != 0 }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }
}
