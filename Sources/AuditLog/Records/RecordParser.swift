/// Why a line could not be read as an audit record.
public enum LineProblem: String, Sendable, Error {
    case missingType = "no type= field"
    case missingTimestamp = "no msg=audit(…) time stamp"
    case badTimestamp = "malformed time stamp"
    case tooLong = "line longer than 1 MiB"
    case notText = "binary data"
}

/// Turns one log line into an `AuditRecord`.
///
/// Only the header is parsed here (node, type, time stamp, serial); that is all
/// grouping needs. Works on borrowed bytes and copies the line once, on success.
public enum RecordParser {
    /// The longest line accepted; the kernel's own limit is 8970 bytes, user-space records a little more.
    public static let maximumLineLength = 1 << 20

    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<AuditRecord, LineProblem> {
        let n = line.count
        guard n <= maximumLineLength else { return .failure(.tooLong) }
        var i = 0
        var node: String?
        if n >= 5 && line[0] == UInt8(ascii: "n") && matches(line, at: 0, "node=") {
            var j = 5
            while j < n && line[j] != UInt8(ascii: " ") { j += 1 }
            node = String(decoding: UnsafeBufferPointer(rebasing: line[5..<j]), as: UTF8.self)
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
            if line[k] == 0x1D { bodyEnd = k; break }
            if line[k] == 0 { return .failure(.notText) }
            k += 1
        }
        let typeName = UnsafeBufferPointer(rebasing: line[typeStart..<typeEnd])
        let type = messageType(typeName)
        let id = EventID(seconds: Int64(seconds), milliseconds: Int32(millis), serial: serial, node: node)
        return .success(AuditRecord(bytes: Array(line), type: type, id: id, bodyStart: bodyStart, bodyEnd: bodyEnd))
    }

    /// Convenience for tests and small inputs.
    public static func parse(_ line: String) -> Result<AuditRecord, LineProblem> {
        var bytes = Array(line.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        return bytes.withUnsafeBufferPointer { parse($0) }
    }

    private static func messageType(_ name: UnsafeBufferPointer<UInt8>) -> MessageType {
        let text = String(decoding: name, as: UTF8.self)
        return MessageType(name: text) ?? MessageType(number: 0)
    }

    private static func matches(_ line: UnsafeBufferPointer<UInt8>, at offset: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= line.count else { return false }
        let p = literal.utf8Start
        for k in 0..<count where line[offset + k] != p[k] { return false }
        return true
    }

    private static func number(_ line: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt64, Int)? {
        var i = offset
        var value: UInt64 = 0
        while i < line.count, line[i] >= 48, line[i] <= 57, i - offset < 19 {
            value = value &* 10 &+ UInt64(line[i] &- 48)
            i += 1
        }
        return i > offset ? (value, i) : nil
    }
}
