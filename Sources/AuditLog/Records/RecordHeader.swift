/// The header of a record line, located without copying: where the node name ends,
/// the type, the time stamp and serial, and where the body and its enrichment are.
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
    /// The 0x1D separator of the ENRICHED format, or the line's length.
    var bodyEnd: Int
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
        while typeEnd < n && line[typeEnd] != UInt8(ascii: " ") { typeEnd += 1 }
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
        var bodyEnd = n
        var k = bodyStart
        while k < n {
            let byte = line[k]
            if byte <= 0x1D {
                if byte == 0x1D { bodyEnd = k; break }
                if byte == 0 { return .failure(.notText) }
            }
            k += 1
        }
        return .success(RecordHeader(nodeEnd: nodeEnd, type: typeNumber(UnsafeBufferPointer(rebasing: line[typeStart..<typeEnd])),
                                     seconds: seconds, milliseconds: millis, serial: serial,
                                     bodyStart: bodyStart, bodyEnd: bodyEnd, nodeHash: nodeHash))
    }

    /// The number of a type name; the common kernel types are recognised without hashing.
    @inline(__always)
    static func typeNumber(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        switch name.count {
        case 7 where name[0] == UInt8(ascii: "S") && matches(name, at: 0, "SYSCALL"): return 1300
        case 4 where name[0] == UInt8(ascii: "P") && matches(name, at: 0, "PATH"): return 1302
        case 3 where name[0] == UInt8(ascii: "C") && matches(name, at: 0, "CWD"): return 1307
        case 9 where name[0] == UInt8(ascii: "P") && matches(name, at: 0, "PROCTITLE"): return 1327
        case 3 where name[0] == UInt8(ascii: "E") && matches(name, at: 0, "EOE"): return 1320
        case 6 where name[0] == UInt8(ascii: "E") && matches(name, at: 0, "EXECVE"): return 1309
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
