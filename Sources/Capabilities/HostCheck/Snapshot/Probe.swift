/// A fact about the live system that may be out of reach (offline, not root, not installed).
public enum Probe<Value: Sendable>: Sendable {
    case value(Value)
    case unavailable(String)

    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    public var reason: String {
        if case .unavailable(let reason) = self { return reason }
        return ""
    }
}

/// A file's bytes as read, or why it could not be read (nil when it does not exist).
public struct FileText: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The text, or nil for binary data (a NUL byte or invalid UTF-8).
    public var text: String? {
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
