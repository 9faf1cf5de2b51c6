/// Finds `name=value` pairs in a record body without copying it.
///
/// Tokens are separated by spaces. A value may be bare, `"double quoted"` (no escapes
/// exist in audit logs: the kernel hex-encodes anything unsafe) or `'single quoted'`,
/// which user-space senders use for `msg='op=… res=success'`; the pairs inside a
/// single-quoted value are reported too, marked `nested`. Words without `=`
/// (the `avc:  denied  { read } for` of an AVC record) are skipped.
enum FieldScanner {
    /// Calls `visit` for each field; `visit` returns false to stop early.
    static func scanRaw(_ bytes: [UInt8], from start: Int, to end: Int, nested: Bool = false,
                        _ visit: (RawField) -> Bool) {
        var i = start
        while i < end {
            while i < end && bytes[i] == UInt8(ascii: " ") { i += 1 }
            guard i < end else { return }
            let nameStart = i
            while i < end && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: " ") { i += 1 }
            guard i < end, bytes[i] == UInt8(ascii: "=") else { continue }
            let nameEnd = i
            i += 1
            var field = RawField(nameStart: nameStart, nameEnd: nameEnd, valueStart: i, valueEnd: i,
                                 quoting: .bare, nested: nested)
            if i < end && (bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'")) {
                let quote = bytes[i]
                field.quoting = quote == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted
                i += 1
                field.valueStart = i
                while i < end && bytes[i] != quote { i += 1 }
                field.valueEnd = i
                if i < end { i += 1 }
            } else {
                while i < end && bytes[i] != UInt8(ascii: " ") { i += 1 }
                field.valueEnd = i
            }
            guard nameEnd > nameStart, visit(field) else {
                if nameEnd > nameStart { return } else { continue }
            }
            if field.quoting == .singleQuoted {
                var keepGoing = true
                scanRaw(bytes, from: field.valueStart, to: field.valueEnd, nested: true) { inner in
                    keepGoing = visit(inner)
                    return keepGoing
                }
                if !keepGoing { return }
            }
        }
    }

    /// Calls `visit` with each field decoded to text.
    static func scan(_ bytes: [UInt8], from start: Int, to end: Int, _ visit: (AuditField) -> Void) {
        scanRaw(bytes, from: start, to: end) { raw in
            visit(AuditField(name: raw.name(in: bytes), value: raw.value(in: bytes),
                             quoting: raw.quoting, nested: raw.nested))
            return true
        }
    }
}
