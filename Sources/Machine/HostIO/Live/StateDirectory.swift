#if canImport(Glibc)
import Glibc
#endif

/// A directory a long-running command keeps its state in (the plugin's spill file, stats and
/// restart count): created root-only, with small files read and replaced whole.
public struct StateDirectory: Sendable {
    public let path: String

    /// Creates the directory (and its parents) with mode 0700 when it is missing.
    public init(_ path: String) throws(HostError) {
        self.path = path
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw HostError(path: prefix, reason: .notWritten("cannot create the directory: \(String(cString: strerror(errno)))"))
            }
        }
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func exists(_ name: String) -> Bool { access(file(name), F_OK) == 0 }

    public func read(_ name: String) -> [UInt8]? { LocalHostFiles().read(file(name)) }

    public func write(_ bytes: [UInt8], to name: String) throws(HostError) { try AtomicFile.write(bytes, to: file(name), mode: 0o600) }

    public func remove(_ name: String) { unlink(file(name)) }
}

/// Reads a file descriptor (standard input) on its own thread until it ends, handing each
/// read to `body`: the plugin's reader, which must keep auditd's pipe drained. After a small
/// read (a quiet moment: auditd writes a record at a time) it waits 5 ms, so the next read
/// takes what came meanwhile in one go instead of a wakeup per record (and the consumer a
/// batch instead of an event). A read under 16 KiB means under 3 MB/s came in: the 64 KiB
/// pipe is far from full 5 ms later, and at higher rates reads are large and nobody waits.
public final class DescriptorReader: @unchecked Sendable {
    private var thread: pthread_t?

    public init(fd: Int32, body: @escaping @Sendable (UnsafeRawBufferPointer) -> Void, ended: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Job(fd: fd, body: body, ended: ended))
        var thread = pthread_t()
        pthread_create(&thread, nil, { raw in
            let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
            job.run()
            return nil
        }, box.toOpaque())
        self.thread = thread
    }

    private final class Job: @unchecked Sendable {
        let fd: Int32
        let body: @Sendable (UnsafeRawBufferPointer) -> Void
        let ended: @Sendable () -> Void
        init(fd: Int32, body: @escaping @Sendable (UnsafeRawBufferPointer) -> Void, ended: @escaping @Sendable () -> Void) {
            self.fd = fd
            self.body = body
            self.ended = ended
        }

        func run() {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let got = Glibc.read(fd, buffer.baseAddress!, buffer.count)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                body(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
                if got < 16 << 10 { usleep(5000) }
            }
            ended()
        }
    }
}
