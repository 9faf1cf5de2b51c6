/// One line of an audit log: `[node=N ]type=T msg=audit(SEC.MS:SERIAL): body[\u{1D}ENRICHED]`.
///
/// The record keeps its bytes as read; fields are found on demand by
/// `FieldScanner`, so selection can look at a few fields without decoding the rest.
public struct AuditRecord: Sendable {
    /// The whole line without its newline, enrichment included.
    public let bytes: [UInt8]
    /// The record type (`SYSCALL`, `PATH`, …).
    public let type: MessageType
    /// The event this record belongs to.
    public let id: EventID
    /// Where the body (`arch=… syscall=…`) starts in `bytes`.
    package let bodyStart: Int
    /// Where the body ends: the 0x1D separator of the ENRICHED format, or `bytes.count`.
    package let bodyEnd: Int

    public init(bytes: [UInt8], type: MessageType, id: EventID, bodyStart: Int, bodyEnd: Int) {
        self.bytes = bytes
        self.type = type
        self.id = id
        self.bodyStart = bodyStart
        self.bodyEnd = bodyEnd
    }

    /// True when auditd appended resolved names after a 0x1D byte (`log_format = ENRICHED`).
    package var isEnriched: Bool { bodyEnd < bytes.count }

    /// The line as the kernel or sender wrote it, without the enrichment.
    var rawBytes: ArraySlice<UInt8> { bytes[0..<bodyEnd] }

    /// The fields of the body, in order; the fields inside a user-space `msg='…'` follow
    /// the outer ones, as auparse presents them.
    package var fields: [AuditField] { fields(includingWords: false) }

    /// The fields, and with `includingWords` also the tokens without `=` (`avc:  denied  {`),
    /// an empty word standing for each extra space.
    package func fields(includingWords: Bool) -> [AuditField] {
        var result: [AuditField] = []
        FieldScanner.scan(bytes, from: bodyStart, to: bodyEnd, words: includingWords) { result.append($0) }
        return result
    }

    /// The names auditd resolved (`UID="root"`, `SYSCALL=openat`), keyed by their upper-case name.
    package var enrichment: [String: String] {
        guard isEnriched else { return [:] }
        var result: [String: String] = [:]
        FieldScanner.scan(bytes, from: bodyEnd + 1, to: bytes.count) { result[$0.name] = $0.value }
        return result
    }

    /// The first value of the field `name`, unquoted, or nil. Reads only as far as needed.
    public func value(of name: String) -> String? {
        var found: String?
        var name = name
        name.withUTF8 { wanted in
            FieldScanner.scanRaw(bytes, from: bodyStart, to: bodyEnd) { field in
                guard field.nameEquals(wanted, in: bytes) else { return true }
                found = field.value(in: bytes)
                return false
            }
        }
        return found
    }

    /// Fields the kernel and PAM write in hex when their text has spaces, quotes or control characters.
    static let encodedFields: Set<String> = ["name", "cwd", "exe", "comm", "cmd", "acct", "key", "path", "proctitle",
                                             "data", "ocomm", "dir", "watch", "vm", "old", "new", "grp", "new_group"]

    /// The first value of the field `name` as text: unquoted, and hex-decoded when the
    /// kernel wrote it in hex (names with spaces or control characters); nil when absent.
    public func text(of name: String) -> String? {
        let decodes = Self.encodedFields.contains(name)
        var found: String?
        var name = name
        name.withUTF8 { wanted in
            FieldScanner.scanRaw(bytes, from: bodyStart, to: bodyEnd) { field in
                guard field.nameEquals(wanted, in: bytes) else { return true }
                let raw = field.valueBytes(in: bytes)
                found = field.quoting == .bare && decodes ? HexText.decode(raw) ?? String(decoding: raw, as: UTF8.self)
                    : String(decoding: raw, as: UTF8.self)
                return false
            }
        }
        return found
    }
}
