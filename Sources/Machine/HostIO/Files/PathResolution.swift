/// Where a path leads once its symbolic links are followed, as the kernel follows them,
/// but inside a root: an absolute link target starts again at the root, and `..` never
/// climbs above it. This is what lets `check --root` judge a mounted image by its own
/// links (`/lib` → `usr/lib`) and never by the links of the machine it runs on.
public enum PathResolution: Sendable, Equatable {
    /// Every link followed; the path exists.
    case existing(String)
    /// Links followed as far as the path exists; the rest is kept as written.
    case missing(String)
    /// More than 40 links in a row (the kernel's ELOOP): `link` is the one where it gave up.
    case loop(link: String)

    /// The resolved path, existing or not; nil for a loop.
    public var path: String? {
        switch self {
        case .existing(let path), .missing(let path): return path
        case .loop: return nil
        }
    }
}

/// What one path component is, as `lstat` sees it.
enum PathComponentKind: Sendable, Equatable {
    case missing
    case link(target: String)
    case directory
    case other
}

enum PathResolver {
    /// The kernel's limit on links followed while resolving one path (`MAXSYMLINKS`).
    static let maximumLinks = 40

    /// Resolves `path` (absolute, as seen inside the root) one component at a time.
    /// `followLast: false` leaves a final link unfollowed, as `lstat` does.
    public static func resolve(_ path: String, followLast: Bool = true,
                               kind: (String) -> PathComponentKind) -> PathResolution {
        var pending = ArraySlice(path.split(separator: "/").map(String.init))
        var resolved: [String] = []
        var links = 0
        func joined(_ parts: [String]) -> String { "/" + parts.joined(separator: "/") }
        while let name = pending.popFirst() {
            if name == "." { continue }
            if name == ".." { _ = resolved.popLast(); continue }
            let candidate = joined(resolved + [name])
            switch kind(candidate) {
            case .missing:
                return .missing(joined(resolved + [name] + pending.filter { $0 != "." }))
            case .link(let target) where followLast || !pending.isEmpty:
                links += 1
                guard links <= maximumLinks else { return .loop(link: candidate) }
                if target.hasPrefix("/") { resolved = [] }
                pending = ArraySlice(target.split(separator: "/").map(String.init)) + pending
            case .other where !pending.isEmpty:
                return .missing(joined(resolved + [name] + pending))
            default:
                resolved.append(name)
            }
        }
        return .existing(joined(resolved))
    }
}
