#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGlibcExtras

/// What a matching event must contain: one of `strings` inside the value of a field named
/// in `fields` (see `SearchCriteria.needle`).
package struct Needle: Sendable {
    public var strings: [[UInt8]]
    package var fields: [[UInt8]]
    /// The field names to search for: a name that ends another (`uid` in `auid`) finds both.
    var anchors: [[UInt8]]
    /// The record types whose lines can hold the fields, or nil for any: when given, only
    /// those lines are searched, one by one, instead of the whole block.
    package var recordTypes: [ClosedRange<Int>]?
    /// When set, a line counts only if a field value holds this text exactly as ausearch
    /// compares it (decoded from hex, split at the 0x01 that joins several keys; equal
    /// when `wholeValue`), so a hit proves the criterion and the event need not be checked again.
    var proof: (text: [UInt8], wholeValue: Bool)?
    /// A record type in which the (single) field is always written last, so its line is
    /// searched from the end: the kernel ends every SYSCALL record with `key=`.
    var lastFieldIn: Int?
    /// Record types that never hold the fields (PATH, CWD, PROCTITLE, …): when given, the
    /// other lines are searched one by one, field by field, instead of the whole block.
    var skippedTypes: [Int]?

    /// Set when a matching value always starts with the (single) string, as a number does:
    /// lines are then searched for `=` and the string instead of for every `=`.
    var startsValue = false

    /// Whether lines are searched one by one rather than the whole block at once.
    var searchesLines: Bool { recordTypes != nil || skippedTypes != nil }

    public init(strings: [[UInt8]], fields: [String], recordTypes: [ClosedRange<Int>]? = nil) {
        self.recordTypes = recordTypes
        let names = fields.map { Array($0.utf8) }
        self.strings = strings.filter { !$0.isEmpty }
        self.fields = names
        anchors = names.filter { name in
            !names.contains { $0.count < name.count && name.suffix($0.count).elementsEqual($0) }
        }
    }
}

/// Where the needle occurs in a chunk inside one of its fields. Finds the fields first
/// (memmem for `name=` over the whole chunk: few fields, and no false starts in the hex
/// that fills audit logs), then looks for the needle's strings in each field's value.
struct NeedleHits {
    private var offsets: [Int] = []
    private let everything: Bool

    /// The needle when lines are searched one by one (borrowed per line, never copied out of an optional).
    private let lineNeedle: Needle
    private let searchesLines: Bool

    init(_ buffer: UnsafeBufferPointer<UInt8>, needle: Needle?) {
        everything = needle == nil
        searchesLines = needle?.searchesLines ?? false
        lineNeedle = needle ?? Needle(strings: [], fields: [])
        guard let needle, !needle.searchesLines else { return }
        NeedleHits.search(buffer, in: 0..<buffer.count, needle: needle) { offsets.append($0) }
        if needle.anchors.count > 1 { offsets.sort() }
    }

    /// Calls `found` with the start of each field in `range` that holds the needle.
    private static func search(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>, needle: Needle,
                               found: (Int) -> Void) {
        guard let base = buffer.baseAddress else { return }
        for anchor in needle.anchors {
            let pattern = anchor + [UInt8(ascii: "=")]
            var from = range.lowerBound
            while from < range.upperBound,
                  let hit = pattern.withUnsafeBytes({ dockaudit_memmem(base + from, range.upperBound - from, $0.baseAddress, $0.count) }) {
                let equals = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + anchor.count
                from = equals + 1
                if let start = matchingField(buffer, equals: equals, limit: range.upperBound, needle: needle) { found(start) }
            }
        }
    }

    /// Calls `found` for each field of the line that holds the needle, reading field by field.
    private static func searchFields(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>, needle: Needle,
                                     found: (Int) -> Void) {
        guard let base = buffer.baseAddress else { return }
        var from = range.lowerBound
        if needle.startsValue, needle.strings.count == 1 {
            let pattern = [UInt8(ascii: "=")] + needle.strings[0]
            while from < range.upperBound,
                  let hit = pattern.withUnsafeBytes({ dockaudit_find_short(base + from, range.upperBound - from, $0.baseAddress, $0.count) }) {
                let equals = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                from = equals + 1
                if let start = matchingField(buffer, equals: equals, limit: range.upperBound, needle: needle) { found(start) }
            }
            return
        }
        while from < range.upperBound, let hit = memchr(base + from, Int32(UInt8(ascii: "=")), range.upperBound - from) {
            let equals = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = equals + 1
            if let start = matchingField(buffer, equals: equals, limit: range.upperBound, needle: needle) { found(start) }
        }
    }

    /// The start of the field whose `=` is at `equals`, when it is one of the needle's fields
    /// and its value holds the needle.
    @inline(__always)
    private static func matchingField(_ buffer: UnsafeBufferPointer<UInt8>, equals: Int, limit: Int,
                                      needle: Needle) -> Int? {
                guard let start = fieldStart(buffer, equals: equals, fields: needle.fields) else { return nil }
                var end = equals + 1
                if end < limit && buffer[end] == UInt8(ascii: "\"") {
                    end += 1
                    while end < limit && buffer[end] != UInt8(ascii: "\"") && buffer[end] != 0x0A { end += 1 }
                } else {
                    while end < limit && buffer[end] != 0x20 && buffer[end] != 0x0A && buffer[end] != 0x27 { end += 1 }
                }
                let value = UnsafeBufferPointer(rebasing: buffer[(equals + 1)..<end])
                guard needle.strings.contains(where: { contains(value, $0) }) else { return nil }
                if let proof = needle.proof, !proves(value, quoted: buffer[equals + 1] == UInt8(ascii: "\""), proof) {
                    return nil
                }
                return start
    }

    /// Where the last ` name=…` of the line is, found by reading backwards.
    private static func lastField(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>,
                                  named name: [UInt8]) -> Range<Int>? {
        if let token = lastToken(buffer, in: range, named: name) { return token }
        return lastFieldByScan(buffer, in: range, named: name).map { $0..<range.upperBound }
    }

    private static func lastFieldByScan(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>, named name: [UInt8]) -> Int? {
        let count = name.count
        var at = range.upperBound - count - 1
        while at > range.lowerBound {
            if buffer[at] == name[0] && buffer[at - 1] == 0x20 && buffer[at + count] == UInt8(ascii: "=") {
                var same = true
                for k in 1..<count where buffer[at + k] != name[k] { same = false; break }
                if same { return at }
            }
            at -= 1
        }
        return nil
    }

    /// The last token of the line's body (before the ENRICHED separator) when it is `name=…`:
    /// the kernel writes the field last and never puts a space in its value. Two memrchr calls.
    private static func lastToken(_ buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>,
                                  named name: [UInt8]) -> Range<Int>? {
        guard let base = buffer.baseAddress, !range.isEmpty else { return nil }
        var end = range.upperBound
        if let separator = dockaudit_memrchr(base + range.lowerBound, 0x1D, range.count) {
            end = base.distance(to: separator.assumingMemoryBound(to: UInt8.self))
        }
        while end > range.lowerBound && (buffer[end - 1] == 0x20 || buffer[end - 1] == 0x0A) { end -= 1 }
        guard end > range.lowerBound,
              let space = dockaudit_memrchr(base + range.lowerBound, 0x20, end - range.lowerBound) else { return nil }
        let start = base.distance(to: space.assumingMemoryBound(to: UInt8.self)) + 1
        guard start + name.count < end, buffer[start + name.count] == UInt8(ascii: "=") else { return nil }
        for k in 0..<name.count where buffer[start + k] != name[k] { return nil }
        return start..<end
    }

    /// The start of the token whose `=` is at `equals`, when its name is one of `fields`.
    private static func fieldStart(_ buffer: UnsafeBufferPointer<UInt8>, equals: Int, fields: [[UInt8]]) -> Int? {
        // Most names end otherwise than the wanted ones: reject them before reading back.
        guard equals > 0, fields.contains(where: { $0.last == buffer[equals - 1] }) else { return nil }
        var start = equals
        while start > 0 {
            let byte = buffer[start - 1]
            if byte == 0x20 || byte == 0x27 || byte == 0x0A || byte == 0x1D || byte == UInt8(ascii: "=") { break }
            start -= 1
        }
        guard start > 0 ? buffer[start - 1] != UInt8(ascii: "=") : true else { return nil }
        let length = equals - start
        for name in fields where name.count == length {
            var same = true
            for k in 0..<length where buffer[start + k] != name[k] { same = false; break }
            if same { return start }
        }
        return nil
    }

    /// Whether the value (quoted, or hex-encoded keys joined by 0x01) holds the proof's text.
    private static func proves(_ value: UnsafeBufferPointer<UInt8>, quoted: Bool,
                               _ proof: (text: [UInt8], wholeValue: Bool)) -> Bool {
        var text: [UInt8]
        if quoted {
            text = Array(value.dropFirst().prefix { $0 != UInt8(ascii: "\"") })
        } else if let decoded = HexText.decodeBytes(ArraySlice(value)) {
            text = decoded
        } else {
            text = Array(value)
        }
        for part in text.split(separator: 1, omittingEmptySubsequences: false) {
            if proof.wholeValue ? part.elementsEqual(proof.text) : part.withUnsafeBufferPointer({ contains($0, proof.text) }) {
                return true
            }
        }
        return false
    }

    private static func contains(_ value: UnsafeBufferPointer<UInt8>, _ string: [UInt8]) -> Bool {
        guard string.count <= value.count, let base = value.baseAddress else { return false }
        return string.withUnsafeBytes { dockaudit_find_short(base, value.count, $0.baseAddress, $0.count) } != nil
    }

    /// Whether the line at `range`, of record type `type`, holds the needle.
    func any(in range: Range<Int>, type: Int, of buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if everything { return true }
        if searchesLines {
            if let types = lineNeedle.recordTypes, !types.contains(where: { $0.contains(type) }) { return false }
            if let skipped = lineNeedle.skippedTypes, skipped.contains(type) { return false }
            var region = range
            if type == lineNeedle.lastFieldIn,
               let tail = NeedleHits.lastField(buffer, in: range, named: lineNeedle.anchors[0]) {
                region = tail
            }
            var hit = false
            NeedleHits.searchFields(buffer, in: region, needle: lineNeedle) { _ in hit = true }
            return hit
        }
        return offsets.withUnsafeBufferPointer { all in
            var low = 0, high = all.count
            while low < high {
                let mid = (low + high) / 2
                if all[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
            }
            return low < all.count && all[low] < range.upperBound
        }
    }
}
