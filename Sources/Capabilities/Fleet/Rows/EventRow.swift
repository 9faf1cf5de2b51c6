import AuditLog
import ContainerTrace

/// One event as a row of `EventTable`, written as a JSONEachRow line: the facts `search`
/// selects on as columns, the container and actor the tracker placed it with, and the records
/// as read (`raw`), so the event can be read back byte for byte. A record text that is not
/// UTF-8 (JSON cannot carry it unchanged) is stored as hex, with `raw_is_hex` set.
public enum EventRow {
    /// `node` names the host when the log's lines have no `node=`.
    public static func write(_ event: AuditEvent, placement: Placement?, catalog: ContainerCatalog, node: String?,
                             userName: (UInt32) -> String?, into out: inout OutputBuffer) {
        let summary = EventSummary(event)
        let raw = rawText(of: event)
        JSONWriter.write(into: &out) { json in
            json.object { o in
                o.member("node", event.id.node ?? node ?? "")
                o.member("time_ms", UInt64(max(0, event.id.seconds)) * 1000 + UInt64(max(0, event.id.milliseconds)))
                o.member("serial", event.id.serial)
                o.member("first_type", event.records.first?.type.name ?? "")
                o.member("types", strings: event.records.map(\.type.name))
                o.member("key", summary.keys.first ?? "")
                o.member("keys", strings: summary.keys)
                o.member("auid", summary.auid.map(Int64.init) ?? -1)
                o.member("uid", summary.uid ?? -1)
                o.member("euid", event.records.lazy.compactMap { $0.value(of: "euid").flatMap { Int64($0) } }.first ?? -1)
                o.member("pid", summary.pid ?? -1)
                o.member("ppid", summary.ppid ?? -1)
                o.member("exe", summary.exe ?? "")
                o.member("comm", summary.comm ?? "")
                o.member("syscall", summary.syscall ?? "")
                o.member("success", summary.success.map { $0 ? 1 : 0 } ?? -1)
                o.member("exit", summary.exit.map(String.init) ?? "")
                o.member("paths", strings: summary.paths.map(\.name))
                o.member("cwd", summary.cwd ?? "")
                let info = placement?.container.flatMap { catalog.container($0) }
                o.member("container_id", info?.id ?? "")
                o.member("container_name", info?.name ?? "")
                o.member("container_image", info?.image ?? "")
                let actor = info == nil ? nil : placement.flatMap { catalog.actor(for: $0) }
                let actorAuid = actor?.auid.flatMap { $0 == UInt32.max ? nil : $0 }
                o.member("actor_auid", actorAuid.map(Int64.init) ?? -1)
                o.member("actor_user", actorAuid.flatMap(userName) ?? "")
                o.member("actor_command", actor?.command ?? "")
                o.member("raw", raw.text)
                o.member("raw_is_hex", raw.isHex ? 1 : 0)
            }
        }
        out.append(byte: 0x0A)
    }

    /// The records' lines (enrichment included) joined by newlines; hex when they are not UTF-8.
    static func rawText(of event: AuditEvent) -> (text: String, isHex: Bool) {
        var bytes: [UInt8] = []
        for (index, record) in event.records.enumerated() {
            if index > 0 { bytes.append(0x0A) }
            bytes += record.bytes
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes.count * 2)
        for byte in bytes { hex += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return (String(decoding: hex, as: UTF8.self), true)
    }
}
