/// Writes one record as an `ausearch -i` line:
/// `type=T msg=audit(MM/DD/YY HH:MM:SS.mmm:serial) : name=value … `, values escaped for a terminal.
enum InterpretedLine {
    static func write(_ record: AuditRecord, interpreter: Interpreter, into out: inout OutputBuffer) {
        let bytes = record.bytes
        if let node = record.id.node { out.append("node=\(Escaping.terminal(node)) ") }
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
        out.append(") : ")
        // EXECVE continuation records start their body with an extra space; ausearch keeps it.
        if record.bodyStart >= 2, bytes[record.bodyStart - 2] == 0x20, bytes[record.bodyStart - 1] == 0x20 {
            out.append(byte: 0x20)
        }
        let start = out.count
        var openNested = false
        var pendingNestedText: RawField?
        record.bytes.withUnsafeBufferPointer { buffer in
            // Slices of the borrowed buffer: no reference counting per field.
            let bytes = buffer
            interpreter.forEachField(of: record, includingWords: true) { field, value in
                if let outer = pendingNestedText, !field.nested {   // msg='…' without fields inside
                    escaped(bytes[outer.valueStart..<outer.valueEnd], into: &out)
                    out.append("' ")
                    pendingNestedText = nil
                }
                if openNested && !field.nested {
                    closeNested(&out)
                    openNested = false
                }
                if field.nested { pendingNestedText = nil; openNested = true }
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
                        escaped(decoded[...], into: &out)
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
                }
                out.append(byte: 0x20)
            }
        }
        if let outer = pendingNestedText {
            escaped(bytes[outer.valueStart..<outer.valueEnd], into: &out)
            out.append("' ")
        }
        if openNested { closeNested(&out) }
        if out.count == start {   // ausearch ends a record without fields with " :" and a blank line
            out.removeLast()
            out.append("\n\n")
            return
        }
        out.append(byte: 0x0A)
    }

    /// Turns the space after the last nested field into the closing quote and a space.
    private static func closeNested(_ out: inout OutputBuffer) {
        out.removeLast()
        out.append("' ")
    }

    @inline(__always)
    private static func escaped<C: Collection>(_ text: C, into out: inout OutputBuffer) where C.Element == UInt8 {
        Escaping.terminalBytes(text, into: &out)
    }

    @inline(__always)
    private static func escaped(_ text: Slice<UnsafeBufferPointer<UInt8>>, into out: inout OutputBuffer) {
        Escaping.terminalBytes(text, into: &out)
    }
}
