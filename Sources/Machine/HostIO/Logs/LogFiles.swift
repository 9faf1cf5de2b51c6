#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AuditLog

/// Works out which files to read, in which order, and opens them.
public enum LogFiles {
    /// The log auditd writes by default.
    static let defaultLog = "/var/log/audit/audit.log"

    /// Expands each input: a directory becomes its rotated set of `audit.log` files, oldest first
    /// (`audit.log.N` … `audit.log.1`, `audit.log`), as ausearch `--input-logs` reads them;
    /// a file or `-` (standard input) stays as it is. No inputs means the default log and its siblings.
    public static func resolve(_ inputs: [String]) throws -> [String] {
        if inputs.isEmpty {
            let directory = String(defaultLog.dropLast("/audit.log".count))
            return try rotatedSet(in: directory, base: "audit.log")
        }
        var files: [String] = []
        for input in inputs {
            if input != "-" && isDirectory(input) {
                files += try rotatedSet(in: input, base: "audit.log")
            } else {
                files.append(input)
            }
        }
        return files
    }

    /// `base.N` … `base.1`, `base`, for the names present in `directory`.
    static func rotatedSet(in directory: String, base: String) throws -> [String] {
        guard let dir = opendir(directory) else {
            throw InputError(path: directory, errno: errno)
        }
        defer { closedir(dir) }
        var numbered: [(Int, String)] = []
        var hasBase = false
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == base {
                hasBase = true
            } else if name.hasPrefix(base + "."), let n = Int(name.dropFirst(base.count + 1)) {
                numbered.append((n, name))
            }
        }
        let path = { (name: String) in directory.hasSuffix("/") ? directory + name : directory + "/" + name }
        var files = numbered.sorted { $0.0 > $1.0 }.map { path($0.1) }
        if hasBase { files.append(path(base)) }
        if files.isEmpty { throw InputError(path: directory, reason: "no \(base) files in this directory") }
        return files
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

extension LogFiles {
    /// Each path as a source (`-` is standard input), opened now; the first that cannot be
    /// read throws its `InputError`.
    public static func open(_ paths: [String]) throws(InputError) -> [any LogSource] {
        var sources: [any LogSource] = []
        for path in paths { sources.append(try LogFile(path: path)) }
        return sources
    }
}

extension EventStream {
    /// Reads the files at `files` (`-` is standard input) in order as one stream.
    public mutating func scan(files: [String], emit: (AuditEvent) throws -> Void) throws {
        try scan(LogFiles.open(files), emit: emit)
    }
}
