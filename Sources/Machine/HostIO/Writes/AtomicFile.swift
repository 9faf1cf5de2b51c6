#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Replaces a file so that readers see the old bytes or the new ones, never a mix:
/// write a temporary file beside it, fsync, set the mode, rename over, fsync the directory.
/// On any failure the temporary file is removed and the old file is untouched.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o640) throws(HostError) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        var template = Array((path + ".dockaudit-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw HostError(path: path, reason: .notWritten("cannot create a temporary file: \(errorText())")) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var done = false
        defer {
            if !done { unlink(temporary) }
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = errorText()
                close(fd)
                throw HostError(path: path, reason: .notWritten("write failed: \(reason)"))
            }
            offset += written
        }
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            let reason = errorText()
            close(fd)
            throw HostError(path: path, reason: .notWritten("cannot set mode or sync: \(reason)"))
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            throw HostError(path: path, reason: .notWritten("cannot replace the file: \(errorText())"))
        }
        done = true
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 { fsync(directoryFD); close(directoryFD) }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
