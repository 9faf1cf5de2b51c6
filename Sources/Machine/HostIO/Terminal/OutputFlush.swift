#if canImport(Glibc)
import Glibc
#endif
import AuditLog

extension OutputBuffer {
    /// Writes everything to `fd` (standard output, say) and empties the buffer.
    public mutating func flush(to fd: Int32) throws {
        try withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw InputError(path: "<output>", reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        removeAll()
    }
}
