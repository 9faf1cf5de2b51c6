/// Writes one record as an `ausearch -i` line:
/// `type=T msg=audit(MM/DD/YY HH:MM:SS.mmm:serial) : name=value … `, values escaped for a terminal.
enum InterpretedLine {
    static func write(_ record: AuditRecord, interpreter: Interpreter, into out: inout OutputBuffer) {
        let bytes = record.bytes
        if let node = record.id.node { out.append("node="); Escaping.ausearchBytes(node.utf8, into: &out); out.append(" ") }
        out.append("type=")
        out.append(record.type.name)
        out.append(" msg=audit(")
        out.append(out.interpretStyleDate(record.id.seconds))
        out.append(byte: UInt8(ascii: "."))
        let ms = record.id.milliseconds
        out.append(byte: UInt8(48 + ms / 100))
        out.append(byte: UInt8(48 + (ms / 10) % 10))
        out.append(byte: UInt8(48 + ms % 10))
        out.append(byte: UInt8(ascii: ":"))
        out.append(decimal: record.id.serial)
        // ausearch prints ") " and then the line as it is from ")" to the first field: ": "
        // mostly, ":  " before an EXECVE continuation, ": " with its blank on an EOE, or
        // nothing but a blank where a daemon wrote no colon.
        out.append(") ")
        var paren = record.bodyStart - 1
        while paren >= 0 && bytes[paren] != UInt8(ascii: ")") { paren -= 1 }
        if paren >= 0, paren + 1 < record.bodyStart { escaped(bytes[(paren + 1)..<record.bodyStart], into: &out) }
        let start = out.count
        var openNested = false
        var pendingNestedText: RawField?
        // ausearch reads the closing quote as part of the last nested value: when that value
        // is replaced by its interpretation (res=1 → yes), the quote goes with it.
        var lastNestedReplaced = false
        record.bytes.withUnsafeBufferPointer { buffer in
            // Slices of the borrowed buffer: no reference counting per field.
            let bytes = buffer
            interpreter.forEachField(of: record, includingWords: true, splittingAtCommas: true) { field, value, tail in
                if let outer = pendingNestedText, !field.nested {   // msg='…' without fields inside
                    escaped(bytes[outer.valueStart..<outer.valueEnd], into: &out)
                    out.append("' ")
                    pendingNestedText = nil
                }
                if openNested && !field.nested {
                    if !lastNestedReplaced { closeNested(&out) }
                    openNested = false
                }
                if field.nested {
                    pendingNestedText = nil
                    openNested = true
                    switch value {
                    case .text, .range: lastNestedReplaced = !field.isWord
                    default: lastNestedReplaced = false
                    }
                }
                if field.isWord {
                    escaped(bytes[field.nameStart..<field.nameEnd], into: &out)
                    out.append(byte: 0x20)
                    return
                }
                if field.quoting == .singleQuoted {
                    out.append(bytes: UnsafeBufferPointer(rebasing: bytes[field.nameStart..<field.nameEnd]))
                    out.append("='")
                    pendingNestedText = field
                    return
                }
                out.append(bytes: UnsafeBufferPointer(rebasing: bytes[field.nameStart..<field.nameEnd]))
                out.append(byte: UInt8(ascii: "="))
                switch value {
                case .asWritten:
                    escaped(bytes[field.writtenRange(limit: bytes.count)], into: &out)
                case .unquoted:
                    escaped(bytes[field.valueStart..<field.valueEnd], into: &out)
                case .hex:
                    if let decoded = HexText.decodeBytes(record.bytes[field.valueStart..<field.valueEnd]) {
                        keys(decoded, named: bytes[field.nameStart..<field.nameEnd], into: &out)
                    } else {
                        escaped(bytes[field.valueStart..<field.valueEnd], into: &out)
                    }
                case .proctitle:
                    if let decoded = HexText.decodeProctitle(record.bytes[field.valueStart..<field.valueEnd]) {
                        escaped(decoded[...], into: &out)
                    } else {
                        escaped(bytes[field.valueStart..<field.valueEnd], into: &out)
                    }
                case .prefixedHex:
                    out.append("0x")
                    escaped(bytes[field.valueStart..<field.valueEnd], into: &out)
                case .range(let range):
                    escaped(bytes[range], into: &out)
                case .text(let text):
                    var text = text
                    text.withUTF8 { escaped($0, into: &out) }
                case .bytes(let decoded):
                    keys(decoded, named: bytes[field.nameStart..<field.nameEnd], into: &out)
                case .ttyData(let text):
                    var text = text
                    text.withUTF8 { escaped($0, into: &out) }
                    return
                }
                if let tail {
                    out.append(byte: tail.keepsComma ? UInt8(ascii: ",") : 0x20)
                    escaped(bytes[tail.rest], into: &out)
                }
                out.append(byte: 0x20)
            }
        }
        if let outer = pendingNestedText {
            escaped(bytes[outer.valueStart..<outer.valueEnd], into: &out)
            out.append("' ")
        }
        if openNested && !lastNestedReplaced { closeNested(&out) }
        if out.count == start {   // a record without fields: ausearch adds a blank line
            out.append("\n\n")
            return
        }
        out.append(byte: 0x0A)
    }

    /// A decoded value; for `key`, the rule's keys (joined by 0x01 in the log) are written
    /// as ausearch writes them: `key=a key=b`.
    private static func keys(_ decoded: [UInt8], named name: Slice<UnsafeBufferPointer<UInt8>>, into out: inout OutputBuffer) {
        guard name.elementsEqual("key".utf8), decoded.contains(0x01) else {
            escaped(decoded[...], into: &out)
            return
        }
        for (index, part) in decoded.split(separator: 0x01, omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out.append(" key=") }
            escaped(part, into: &out)
        }
    }

    /// Turns the space after the last nested field into the closing quote and a space.
    private static func closeNested(_ out: inout OutputBuffer) {
        out.removeLast()
        out.append("' ")
    }

    @inline(__always)
    private static func escaped<C: Collection>(_ text: C, into out: inout OutputBuffer) where C.Element == UInt8 {
        Escaping.ausearchBytes(text, into: &out)
    }

    @inline(__always)
    private static func escaped(_ text: Slice<UnsafeBufferPointer<UInt8>>, into out: inout OutputBuffer) {
        Escaping.ausearchBytes(text, into: &out)
    }
}
