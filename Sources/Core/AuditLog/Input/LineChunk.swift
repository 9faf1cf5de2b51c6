#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CGlibcExtras

/// A block of whole lines from one file, with every line's header located (stage one
/// of the search pipeline). Lines refer to `bytes` by offset; nothing is copied.
final class LineChunk: @unchecked Sendable {
    let sequence: Int
    let file: String
    let bytes: BlockBytes
    private(set) var lines: [IndexedLine] = []
    /// Malformed lines, numbered from 0 at the chunk's first line.
    private(set) var problems: [(line: Int, problem: LineProblem)] = []
    /// How many lines the chunk holds, malformed ones included.
    private(set) var lineCount = 0

    /// A chunk of whole lines, indexed at once.
    init(sequence: Int, file: String, bytes: BlockBytes, needle: Needle?) {
        self.sequence = sequence
        self.file = file
        self.bytes = bytes
        index(needle: needle)
    }

    /// A chunk standing for one line that was too long to keep.
    init(sequence: Int, file: String, tooLongLine: Void) {
        self.sequence = sequence
        self.file = file
        bytes = .empty
        problems = [(0, .tooLong)]
        lineCount = 1
    }

    /// Splits the bytes into lines, parses each header, and marks the lines that contain a needle.
    private func index(needle: Needle?) {
        do {
            let buffer = bytes.buffer
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            let hits = NeedleHits(buffer, needle: needle)
            var start = 0
            var lineNumber = 0
            // Local arrays: appending to the class's own would check exclusive access per line.
            var lines: [IndexedLine] = []
            var problems: [(line: Int, problem: LineProblem)] = []
            defer { self.lines = lines; self.problems = problems }
            lines.reserveCapacity(buffer.count / 160)
            while start < buffer.count {
                let stop: Int
                if let newline = memchr(base + start, 0x0A, buffer.count - start) {
                    stop = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                } else {
                    stop = buffer.count
                }
                if stop > start {
                    let line = UnsafeBufferPointer(rebasing: buffer[start..<stop])
                    switch RecordHeader.parse(line) {
                    case .success(let header):
                        lines.append(IndexedLine(key: header.key, type: Int32(header.type), chunk: Int32(sequence),
                                                 start: Int32(start), length: Int32(stop - start),
                                                 bodyStart: Int32(header.bodyStart),
                                                 nodeEnd: Int32(header.nodeEnd), hit: hits.any(in: start..<stop, type: header.type, of: buffer)))
                    case .failure(let problem):
                        problems.append((lineNumber, problem))
                    }
                }
                lineNumber += 1
                start = stop + 1
            }
            lineCount = lineNumber
        }
    }
}

/// A record located in a `LineChunk`.
struct IndexedLine: Groupable {
    var key: EventKey
    var type: Int32
    var chunk: Int32
    var start: Int32
    var length: Int32
    /// Header offsets within the line (see `RecordHeader`).
    var bodyStart: Int32
    var nodeEnd: Int32
    /// The line contains one of the search's needles (always true when there are none).
    var hit: Bool

    var groupKey: EventKey { key }
    var typeNumber: Int { Int(type) }

    /// The record, copied out of its block.
    func record(in chunk: LineChunk) -> AuditRecord {
        let line = UnsafeBufferPointer(rebasing: chunk.bytes.buffer[Int(start)..<Int(start + length)])
        let (bodyEnd, textEnd) = RecordHeader.body(of: line, from: Int(bodyStart))
        let bytes = Array(line[0..<textEnd])
        let node = nodeEnd >= 5 ? String(decoding: bytes[5..<Int(nodeEnd)], as: UTF8.self) : nil
        let id = EventID(seconds: key.seconds, milliseconds: Int32(key.milliseconds - key.seconds * 1000),
                         serial: key.serial, node: node)
        return AuditRecord(bytes: bytes, type: MessageType(number: Int(type)), id: id,
                           bodyStart: min(Int(bodyStart), textEnd), bodyEnd: bodyEnd)
    }
}
