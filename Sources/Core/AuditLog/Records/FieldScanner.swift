/// Finds `name=value` pairs in a record body without copying it.
///
/// Tokens are separated by spaces. A value may be bare, `"double quoted"` (no escapes
/// exist in audit logs: the kernel hex-encodes anything unsafe) or `'single quoted'`,
/// which user-space senders use for `msg='op=… res=success'`; the pairs inside a
/// single-quoted value are reported too, marked `nested`. Words without `=`
/// (the `avc:  denied  { read } for` of an AVC record) are skipped unless `words` is set;
/// then every single space separates a token, so two spaces yield an empty word, which
/// lets `ausearch -i` output keep the record's spacing.
enum FieldScanner {
    /// Calls `visit` for each field; `visit` returns false to stop early.
    static func scanRaw(_ bytes: [UInt8], from start: Int, to end: Int, nested: Bool = false,
                        words: Bool = false, _ visit: (RawField) -> Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            _ = scan(buffer, from: start, to: end, nested: nested, words: words, visit)
        }
    }

    @discardableResult
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, nested: Bool,
                             words: Bool, _ visit: (RawField) -> Bool) -> Bool {
        var i = start
        var atStart = true
        while i < end {
            if words {
                if !atStart && bytes[i] == UInt8(ascii: " ") { i += 1 }
                atStart = false
            } else {
                while i < end && bytes[i] == UInt8(ascii: " ") { i += 1 }
            }
            guard i < end else { return true }
            let nameStart = i
            while i < end && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: " ") { i += 1 }
            guard i < end, bytes[i] == UInt8(ascii: "=") else {
                if words {
                    let word = RawField(nameStart: nameStart, nameEnd: i, valueStart: i, valueEnd: i,
                                        quoting: .bare, nested: nested, isWord: true)
                    if !visit(word) { return false }
                }
                continue
            }
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
                if nameEnd > nameStart { return false } else { continue }
            }
            if field.quoting == .singleQuoted,
               !scan(bytes, from: field.valueStart, to: field.valueEnd, nested: true, words: words, visit) {
                return false
            }
        }
        return true
    }

    /// Calls `visit` with each field decoded to text (and each word, when `words` is set).
    static func scan(_ bytes: [UInt8], from start: Int, to end: Int, words: Bool = false,
                     _ visit: (AuditField) -> Void) {
        scanRaw(bytes, from: start, to: end, words: words) { raw in
            visit(AuditField(name: raw.name(in: bytes), value: raw.value(in: bytes),
                             quoting: raw.quoting, nested: raw.nested, isWord: raw.isWord))
            return true
        }
    }
}
