#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one event as a JSON object on one line (JSON Lines). Schema: docs/json-schema.md.
enum JSONEventWriter {
    static func write(_ event: AuditEvent, interpreter: Interpreter, extraMembers: ((AuditEvent, inout JSONWriter) -> Void)?,
                      into out: inout OutputBuffer) {
        JSONWriter.write(into: &out) { json in
            json.object { o in
                o.member("id", event.id.text)
                o.member("node", event.id.node)
                o.member("time", TimeText.rfc3339(event.id.seconds, milliseconds: event.id.milliseconds))
                o.member("serial", event.id.serial)
                summary(EventSummary(event), of: event, names: interpreter.names, into: &o)
                o.key("records")
                var seen = SeenNames()
                o.array(event.records) { json, record in
                    json.object { r in
                        r.member("type", record.type.name)
                        record.bytes.withUnsafeBufferPointer { line in
                            fields(of: record, line: line, interpreter: interpreter, seen: &seen, into: &r)
                            rawFields(of: record, line: line, seen: &seen, into: &r)
                            if record.isEnriched { enrichment(of: record, line: line, seen: &seen, into: &r) }
                        }
                    }
                }
                extraMembers?(event, &o)
            }
        }
        out.append(byte: 0x0A)
    }

    /// The top-level facts (`EventSummary`), so `jq .exe` needs no walk through `records`.
    private static func summary(_ summary: EventSummary, of event: AuditEvent, names: any NameResolver, into o: inout JSONWriter) {
        o.member("exe", summary.exe)
        o.member("comm", summary.comm)
        o.member("key", summary.keys.first)
        o.member("keys", strings: summary.keys)
        o.member("syscall", summary.syscall)
        o.member("success", summary.success)
        o.member("exit", summary.exit)
        o.member("pid", summary.pid)
        o.member("ppid", summary.ppid)
        o.member("auid", summary.auid)
        o.member("auid_user", summary.auid.flatMap { auid in
            event.records.lazy.compactMap { $0.isEnriched ? $0.enrichment["AUID"] : nil }.first ?? names.userName(auid)
        })
        o.member("uid", summary.uid)
        o.member("cwd", summary.cwd)
        o.key("paths")
        o.array(summary.paths) { json, path in
            json.object { p in
                p.member("name", path.name)
                p.member("nametype", path.nametype)
            }
        }
        o.key("argv")
        if let argv = summary.argv { o.array(argv) { $0.string($1) } } else { o.null() }
    }

    /// `fields`: every field as `ausearch -i` shows it, written from the record's bytes
    /// wherever the value is shown as written. A name repeated in a record keeps its first value.
    private static func fields(of record: AuditRecord, line: UnsafeBufferPointer<UInt8>, interpreter: Interpreter,
                               seen: inout SeenNames, into r: inout JSONWriter) {
        r.key("fields")
        r.object { o in
            seen.start(line)
            interpreter.forEachField(of: record, includingWords: false) { field, value, _ in
                guard field.quoting != .singleQuoted, seen.insert(field.nameStart..<field.nameEnd) else { return }
                o.key(bytes: UnsafeBufferPointer(rebasing: line[field.nameStart..<field.nameEnd]))
                value.writeJSON(of: field, in: record.bytes, line: line, into: &o)
            }
        }
    }

    /// `raw`: every field's value as logged, without its quotes (a repeated name keeps its first).
    private static func rawFields(of record: AuditRecord, line: UnsafeBufferPointer<UInt8>, seen: inout SeenNames,
                                  into r: inout JSONWriter) {
        r.key("raw")
        r.object { o in
            seen.start(line)
            FieldScanner.scanRaw(record.bytes, from: record.bodyStart, to: record.bodyEnd) { field in
                guard field.quoting != .singleQuoted, seen.insert(field.nameStart..<field.nameEnd) else { return true }
                o.key(bytes: UnsafeBufferPointer(rebasing: line[field.nameStart..<field.nameEnd]))
                o.string(bytes: UnsafeBufferPointer(rebasing: line[field.valueStart..<field.valueEnd]))
                return true
            }
        }
    }

    /// `enriched`: the names auditd resolved, sorted by name; a repeated name keeps its last value.
    private static func enrichment(of record: AuditRecord, line: UnsafeBufferPointer<UInt8>, seen: inout SeenNames,
                                   into r: inout JSONWriter) {
        var pairs: [(name: Range<Int>, value: Range<Int>)] = []
        seen.start(line)
        FieldScanner.scanRaw(record.bytes, from: record.bodyEnd + 1, to: record.bytes.count) { field in
            let name = field.nameStart..<field.nameEnd
            if seen.insert(name) {
                pairs.append((name, field.valueStart..<field.valueEnd))
            } else if let index = pairs.firstIndex(where: { seen.same($0.name, name) }) {
                pairs[index].value = field.valueStart..<field.valueEnd
            }
            return true
        }
        pairs.sort { line[$0.name].lexicographicallyPrecedes(line[$1.name]) }
        r.key("enriched")
        r.object { o in
            for pair in pairs {
                o.key(bytes: UnsafeBufferPointer(rebasing: line[pair.name]))
                o.string(bytes: UnsafeBufferPointer(rebasing: line[pair.value]))
            }
        }
    }
}

/// The field names a record's object already holds, as ranges of its line. A record has a
/// few dozen names, most a few bytes long: comparing bytes in a list is cheaper than hashing,
/// and one list serves every object of an event.
private struct SeenNames {
    var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var names: [Range<Int>] = []

    init() { names.reserveCapacity(64) }

    /// Empties the list for the next object, whose names are in `line`.
    mutating func start(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        names.removeAll(keepingCapacity: true)
    }

    /// False when the name is already there.
    mutating func insert(_ name: Range<Int>) -> Bool {
        if names.contains(where: { same($0, name) }) { return false }
        names.append(name)
        return true
    }

    func same(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && memcmp(line.baseAddress! + a.lowerBound, line.baseAddress! + b.lowerBound, a.count) == 0
    }
}

extension RenderedValue {
    /// The value as a JSON string: the text `text(of:in:)` gives, written from the record's
    /// bytes when it is shown as written.
    fileprivate func writeJSON(of field: RawField, in bytes: [UInt8], line: UnsafeBufferPointer<UInt8>,
                               into json: inout JSONWriter) {
        switch self {
        case .asWritten:
            json.string(bytes: UnsafeBufferPointer(rebasing: line[field.writtenRange(limit: line.count)]))
        case .unquoted:
            json.string(bytes: UnsafeBufferPointer(rebasing: line[field.valueStart..<field.valueEnd]))
        case .range(let range):
            json.string(bytes: UnsafeBufferPointer(rebasing: line[range]))
        case .prefixedHex:
            json.string(bytes: UnsafeBufferPointer(rebasing: line[field.valueStart..<field.valueEnd]), prefix: "0x")
        case .text(let text), .ttyData(let text):
            json.string(text)
        case .hex, .proctitle, .bytes:
            json.string(text(of: field, in: bytes))
        }
    }
}
