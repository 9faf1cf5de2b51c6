/// `mode=0100644` → `file,644`, as auparse prints file modes.
enum FileMode {
    static func describe(_ mode: UInt32) -> String {
        var text: String
        switch mode & 0o170000 {
        case 0o140000: text = "socket,"
        case 0o120000: text = "link,"
        case 0o100000: text = "file,"
        case 0o060000: text = "block,"
        case 0o040000: text = "dir,"
        case 0o020000: text = "character,"
        case 0o010000: text = "fifo,"
        default: text = octal3((mode & 0o170000) >> 12) + ","   // a type auparse has no name for
        }
        if mode & 0o4000 != 0 { text += "suid," }
        if mode & 0o2000 != 0 { text += "sgid," }
        if mode & 0o1000 != 0 { text += "sticky," }
        return text + octal3(mode & 0o777)
    }

    /// `%03o`.
    static func octal3(_ value: UInt32) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
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
