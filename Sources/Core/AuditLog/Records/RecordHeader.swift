#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The header of a record line, located without copying: where the node name ends,
/// the type, the time stamp and serial, and where the body starts. Grouping needs no
/// more; `body(of:from:)` finds where the body and the line end, for records that are kept.
///
///     node=web-1 type=SYSCALL msg=audit(1795778398.031:5): arch=c000003e … \u{1D}ARCH=x86_64 …
///     ^-- node --^     ^type^            ^sec^     ^ms ^serial ^bodyStart      ^bodyEnd
struct RecordHeader {
    /// End of the node name (it starts at 5, after `node=`), or 0 when there is no node.
    var nodeEnd: Int
    var type: Int
    var seconds: UInt64
    var milliseconds: UInt64
    var serial: UInt64
    var bodyStart: Int
    var nodeHash: UInt64

    var key: EventKey { EventKey(seconds: seconds, milliseconds: milliseconds, serial: serial, node: nodeHash) }

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<RecordHeader, LineProblem> {
        let n = line.count
        guard n <= RecordParser.maximumLineLength else { return .failure(.tooLong) }
        var i = 0
        var nodeEnd = 0
        var nodeHash: UInt64 = 0
        if n >= 5 && line[0] == UInt8(ascii: "n") && matches(line, at: 0, "node=") {
            var j = 5
            while j < n && line[j] != UInt8(ascii: " ") { j += 1 }
            nodeEnd = j
            nodeHash = EventKey.nodeHash(UnsafeBufferPointer(rebasing: line[5..<j]))
            i = j
            while i < n && line[i] == UInt8(ascii: " ") { i += 1 }
        }
        guard matches(line, at: i, "type=") else { return .failure(.missingType) }
        let typeStart = i + 5
        var typeEnd = typeStart
        while typeEnd < n && line[typeEnd] > 0x20 { typeEnd += 1 }
        guard typeEnd > typeStart else { return .failure(.missingType) }
        i = typeEnd
        while i < n && line[i] == UInt8(ascii: " ") { i += 1 }
        guard matches(line, at: i, "msg=audit(") else { return .failure(.missingTimestamp) }
        i += 10
        guard let (seconds, afterSeconds) = number(line, at: i), afterSeconds < n,
              line[afterSeconds] == UInt8(ascii: ".") else { return .failure(.badTimestamp) }
        guard let (millis, afterMillis) = number(line, at: afterSeconds + 1), afterMillis < n,
              line[afterMillis] == UInt8(ascii: ":") else { return .failure(.badTimestamp) }
        guard let (serial, afterSerial) = number(line, at: afterMillis + 1), afterSerial < n,
              line[afterSerial] == UInt8(ascii: ")"), millis < 1000 else { return .failure(.badTimestamp) }
        var bodyStart = afterSerial + 1
        if bodyStart < n && line[bodyStart] == UInt8(ascii: ":") { bodyStart += 1 }
        while bodyStart < n && line[bodyStart] == UInt8(ascii: " ") { bodyStart += 1 }
        return .success(RecordHeader(nodeEnd: nodeEnd, type: typeNumber(UnsafeBufferPointer(rebasing: line[typeStart..<typeEnd])),
                                     seconds: seconds, milliseconds: millis, serial: serial,
                                     bodyStart: bodyStart, nodeHash: nodeHash))
    }

    /// Where the body ends (the 0x1D separator of the ENRICHED format, or the end) and where
    /// the line's text ends: a NUL byte ends it, as it ends the C string ausearch reads.
    static func body(of line: UnsafeBufferPointer<UInt8>, from bodyStart: Int) -> (bodyEnd: Int, textEnd: Int) {
        var at = bodyStart
        var bodyEnd: Int?
        while let found = firstLowByte(line, from: at) {
            if line[found] == 0 { return (bodyEnd ?? found, found) }
            if bodyEnd == nil { bodyEnd = found }
            at = found + 1
        }
        return (bodyEnd ?? line.count, line.count)
    }

    /// The first byte at or after `start` that is 0x1D (the ENRICHED separator) or a NUL.
    /// Reads eight bytes at a time: audit text has no byte under 0x1E otherwise.
    @inline(__always)
    static func firstLowByte(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = line.baseAddress else { return nil }
        var i = start
        let n = line.count
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Sets the high bit of each byte below 0x1E (and sometimes of a byte above 0x9D).
            let low = (word &- 0x1E1E_1E1E_1E1E_1E1E) & ~word & 0x8080_8080_8080_8080
            if low != 0 {
                for k in i..<(i + 8) where line[k] == 0x1D || line[k] == 0 { return k }
            }
            i += 8
        }
        while i < n {
            if line[i] == 0x1D || line[i] == 0 { return i }
            i += 1
        }
        return nil
    }

    /// The number of a type name; the common kernel types are recognised without hashing.
    @inline(__always)
    static func typeNumber(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        switch name.count {
        case 7 where name[0] == UInt8(ascii: "S") && matches(name, at: 0, "SYSCALL"): return MessageType.syscall.number
        case 4 where name[0] == UInt8(ascii: "P") && matches(name, at: 0, "PATH"): return MessageType.path.number
        case 3 where name[0] == UInt8(ascii: "C") && matches(name, at: 0, "CWD"): return MessageType.cwd.number
        case 9 where name[0] == UInt8(ascii: "P") && matches(name, at: 0, "PROCTITLE"): return MessageType.proctitle.number
        case 3 where name[0] == UInt8(ascii: "E") && matches(name, at: 0, "EOE"): return MessageType.eoe.number
        case 6 where name[0] == UInt8(ascii: "E") && matches(name, at: 0, "EXECVE"): return MessageType.execve.number
        default:
            return MessageType(name: String(decoding: name, as: UTF8.self))?.number ?? 0
        }
    }

    @inline(__always)
    static func matches(_ line: UnsafeBufferPointer<UInt8>, at offset: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= line.count else { return false }
        let p = literal.utf8Start
        for k in 0..<count where line[offset + k] != p[k] { return false }
        return true
    }

    @inline(__always)
    static func number(_ line: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt64, Int)? {
        var i = offset
        var value: UInt64 = 0
        while i < line.count, line[i] >= 48, line[i] <= 57, i - offset < 19 {
            value = value &* 10 &+ UInt64(line[i] &- 48)
            i += 1
        }
        return i > offset ? (value, i) : nil
    }
}
