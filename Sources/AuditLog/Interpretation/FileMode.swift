/// `mode=0100644` → `file,644`, as auparse prints file modes.
enum FileMode {
    static func describe(_ mode: UInt32) -> String {
        var parts: [String] = []
        switch mode & 0o170000 {
        case 0o140000: parts.append("socket")
        case 0o120000: parts.append("link")
        case 0o100000: parts.append("file")
        case 0o060000: parts.append("block")
        case 0o040000: parts.append("dir")
        case 0o020000: parts.append("character")
        case 0o010000: parts.append("fifo")
        default: break
        }
        if mode & 0o4000 != 0 { parts.append("suid") }
        if mode & 0o2000 != 0 { parts.append("sgid") }
        if mode & 0o1000 != 0 { parts.append("sticky") }
        let perms = String(mode & 0o777, radix: 8)
        parts.append(String(repeating: "0", count: max(0, 3 - perms.count)) + perms)
        return parts.joined(separator: ",")
    }

    /// `perm=wa` → `write,attr`.
    static func permissions(_ letters: String) -> String {
        if letters == "0" || letters.isEmpty { return "none" }
        var names: [String] = []
        for c in letters {
            switch c {
            case "r": names.append("read")
            case "w": names.append("write")
            case "x": names.append("exec")
            case "a": names.append("attr")
            default: break
            }
        }
        return names.joined(separator: ",")
    }
}
