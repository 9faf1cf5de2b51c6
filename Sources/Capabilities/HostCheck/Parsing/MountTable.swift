/// The mount points of a host: from the kernel's `/proc/self/mountinfo` on the live host,
/// or from `/etc/fstab` for an offline root (what it will mount at boot).
package struct MountTable: Sendable, Equatable {
    /// Where the table came from (`/proc/self/mountinfo`, `/etc/fstab`).
    public var source: String
    /// Every mount point, octal escapes (`\040` for a blank) decoded.
    var mountPoints: Set<String>

    public init(source: String, mountPoints: Set<String>) {
        self.source = source
        self.mountPoints = mountPoints
    }

    /// mountinfo: the fifth field of each line is the mount point.
    public init(mountinfo text: String, source: String = "/proc/self/mountinfo") {
        self.source = source
        mountPoints = Set(text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count > 4 ? Self.unescaped(fields[4]) : nil
        })
    }

    /// fstab: the second field of each line that is not a comment; swap has none.
    public init(fstab text: String, source: String = "/etc/fstab") {
        self.source = source
        mountPoints = Set(text.split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count > 1, !fields[0].hasPrefix("#"), fields[1].hasPrefix("/") else { return nil }
            return Self.unescaped(fields[1])
        })
    }

    /// Whether `path` is itself a mount point (not only below one).
    func isMountPoint(_ path: String) -> Bool {
        mountPoints.contains(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
    }

    /// The nearest mount point at or above `path`.
    func mountPoint(holding path: String) -> String {
        var candidate = path
        while !candidate.isEmpty && candidate != "/" {
            if mountPoints.contains(candidate) { return candidate }
            guard let slash = candidate.lastIndex(of: "/") else { break }
            candidate = String(candidate[..<slash])
        }
        return "/"
    }

    private static func unescaped(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3,
               let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
