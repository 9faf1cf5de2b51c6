import AuditLog
import Foundation

/// Bytes → records → events, the coalescer included, between two valid events: whatever the
/// bytes, both sentinels come out whole, every format's output is well formed, and each
/// skipped line is named by file and line.
public enum FuzzLogEvents {
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let before = Array("type=SYSCALL msg=audit(1000000000.000:77001): arch=c000003e syscall=59 success=yes exit=0 pid=1 comm=\"sentinel-a\"\n".utf8)
        let after = Array("\ntype=SYSCALL msg=audit(1900000000.000:77002): arch=c000003e syscall=59 success=yes exit=0 pid=2 comm=\"sentinel-b\"\n".utf8)
        let bytes = before + Array(UnsafeBufferPointer(start: data, count: size)) + after
        let path = bytes.withUnsafeBytes { Fuzz.file($0) }
        let (events, skipped) = Fuzz.readAndWrite(path)
        for (serial, comm) in [(77001, "sentinel-a"), (77002, "sentinel-b")] {
            Fuzz.require(events.contains { event in
                event.id.serial == serial && event.records.contains { String(decoding: $0.bytes, as: UTF8.self).contains("comm=\"\(comm)\"") }
            }, "the valid event \(serial) around the damage was lost")
        }
        for line in skipped { Fuzz.require(line.hasPrefix(path + ":"), "a skipped line without its file: \(line)") }
    }
}
