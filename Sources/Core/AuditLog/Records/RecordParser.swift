/// Why a line could not be read as an audit record.
public enum LineProblem: String, Sendable, Error {
    case missingType = "no type= field"
    case missingTimestamp = "no msg=audit(…) time stamp"
    case badTimestamp = "malformed time stamp"
    case tooLong = "line longer than 1 MiB"
}

/// Turns one log line into an `AuditRecord`.
///
/// Only the header is parsed here (node, type, time stamp, serial); that is all
/// grouping needs. Works on borrowed bytes and copies the line once, on success. A NUL
/// byte ends the line's text, as it does for ausearch, which reads lines as C strings.
package enum RecordParser {
    /// The longest line accepted; the kernel's own limit is 8970 bytes, user-space records a little more.
    package static let maximumLineLength = 1 << 20

    package static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<AuditRecord, LineProblem> {
        switch RecordHeader.parse(line) {
        case .failure(let problem):
            return .failure(problem)
        case .success(let header):
            let node = header.nodeEnd >= 5
                ? String(decoding: UnsafeBufferPointer(rebasing: line[5..<header.nodeEnd]), as: UTF8.self) : nil
            let id = EventID(seconds: Int64(header.seconds), milliseconds: Int32(header.milliseconds),
                             serial: header.serial, node: node)
            let (bodyEnd, textEnd) = RecordHeader.body(of: line, from: header.bodyStart)
            return .success(AuditRecord(bytes: Array(line[0..<textEnd]), type: MessageType(number: header.type), id: id,
                                        bodyStart: min(header.bodyStart, textEnd), bodyEnd: bodyEnd))
        }
    }

    /// Convenience for tests and small inputs.
    package static func parse(_ line: String) -> Result<AuditRecord, LineProblem> {
        var bytes = Array(line.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        return bytes.withUnsafeBufferPointer { parse($0) }
    }
}
