/// Writes one event as a JSON object on one line (JSON Lines). Schema: docs/json-schema.md.
enum JSONEventWriter {
    static func write(_ event: AuditEvent, interpreter: Interpreter, into out: inout OutputBuffer) {
        out.append("{\"id\":")
        Escaping.jsonString(event.id.text, into: &out)
        out.append(",\"node\":")
        if let node = event.id.node { Escaping.jsonString(node, into: &out) } else { out.append("null") }
        out.append(",\"time\":\"\(TimeText.rfc3339(event.id.seconds, milliseconds: event.id.milliseconds))\"")
        out.append(",\"serial\":\(event.id.serial),\"records\":[")
        for (index, record) in event.records.enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append("{\"type\":")
            Escaping.jsonString(record.type.name, into: &out)
            let raw = record.fields.filter { $0.quoting != .singleQuoted }
            let interpreted = interpreter.interpret(record).filter { !$0.opensNested }
            out.append(",\"fields\":")
            object(interpreted.map { ($0.name, $0.value) }, into: &out)
            out.append(",\"raw\":")
            object(raw.map { ($0.name, $0.value) }, into: &out)
            if record.isEnriched {
                out.append(",\"enriched\":")
                object(record.enrichment.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, into: &out)
            }
            out.append(byte: UInt8(ascii: "}"))
        }
        out.append("]}\n")
    }

    /// An object whose keys keep their first value (a name repeated in a record keeps its first value).
    private static func object(_ pairs: [(String, String)], into out: inout OutputBuffer) {
        var seen = Set<String>()
        out.append(byte: UInt8(ascii: "{"))
        var first = true
        for (name, value) in pairs where seen.insert(name).inserted {
            if !first { out.append(byte: UInt8(ascii: ",")) }
            first = false
            Escaping.jsonString(name, into: &out)
            out.append(byte: UInt8(ascii: ":"))
            Escaping.jsonString(value, into: &out)
        }
        out.append(byte: UInt8(ascii: "}"))
    }
}
