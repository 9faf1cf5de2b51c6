import HostIO
/// The files systemd builds one unit from: the fragment (the first full unit file in the
/// search path, so one in /etc/systemd/system replaces the vendor one), the drop-ins
/// (`NAME.d/*.conf` from every directory, a name in a higher directory replacing the same
/// name below), and the vendor files the fragment shadows, which systemd does not read.
public struct UnitFiles: Sendable, Equatable {
    /// The fragment, links resolved; nil when no directory has the unit.
    var fragment: String?
    /// The drop-ins in the order systemd applies them (by file name), links resolved.
    var dropIns: [String] = []
    /// Full unit files of the same name that the fragment shadows.
    package var shadowed: [String] = []
    /// Linked to /dev/null or empty: systemd will not start the unit.
    var masked = false
    /// A file of the unit that ends in a link loop, when one does.
    package var linkLoop: String?

    public init() {}

    /// The files systemd reads for the unit: the fragment, then the drop-ins.
    public var effective: [String] { (fragment.map { [$0] } ?? []) + dropIns }

    /// systemd's system unit search path, highest precedence first, as Debian builds it
    /// (/lib before /usr/lib; on merged /usr they are one directory).
    static let searchPath = ["/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system",
                                    "/lib/systemd/system", "/usr/lib/systemd/system"]

    /// Finds the unit's files on a host.
    public init(unit name: String, files: any HostFiles) {
        var seen: Set<String> = []
        for directory in Self.searchPath {
            let path = directory + "/" + name
            guard files.exists(path) else { continue }
            switch files.resolve(path, followLast: true) {
            case .loop(let link):
                if fragment == nil && linkLoop == nil { linkLoop = link }
            case .missing(let real):
                if real == "/dev/null" && fragment == nil && linkLoop == nil { masked = true }   // /dev/null is not in an image
            case .existing(let real):
                guard seen.insert(real).inserted else { continue }
                if fragment == nil && linkLoop == nil && !masked {
                    if real == "/dev/null" || files.read(real)?.isEmpty == true { masked = true } else { fragment = real }
                } else if real != "/dev/null" {
                    shadowed.append(real)
                }
            }
        }
        var dropInsByName: [String: String] = [:]
        for directory in Self.searchPath {
            let folder = directory + "/" + name + ".d"
            for entry in files.list(folder) where entry.hasSuffix(".conf") && dropInsByName[entry] == nil {
                switch files.resolve(folder + "/" + entry, followLast: true) {
                case .existing(let real): dropInsByName[entry] = real
                case .loop(let link): linkLoop = linkLoop ?? link; dropInsByName[entry] = "/dev/null"
                case .missing: dropInsByName[entry] = "/dev/null"
                }
            }
        }
        dropIns = dropInsByName.sorted { $0.key < $1.key }.map(\.value).filter { $0 != "/dev/null" }
        if masked { shadowed = []; dropIns = [] }
    }

    /// The unit's text as systemd reads it: the fragment, then each drop-in.
    public func text(files: any HostFiles) -> String {
        effective.compactMap { files.read($0).map { String(decoding: $0, as: UTF8.self) } }.joined(separator: "\n")
    }
}
