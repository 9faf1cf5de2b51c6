/// Decodes the hex `saddr=` of a SOCKADDR record into auparse's `{ saddr_fam=inet laddr=… lport=… }`.
package enum SocketAddress {
    /// Where a socket address points, for sentences: `127.0.0.1 port 22`, `[::1] port 53`,
    /// `the unix socket /var/run/docker.sock`, or nil for other families.
    package static func endpoint(hex: ArraySlice<UInt8>) -> String? {
        guard let b = HexText.decodeBytes(hex), b.count >= 2 else { return nil }
        switch Int(b[0]) | Int(b[1]) << 8 {
        case 1:
            let path = b.dropFirst(2)
            let abstract = path.first == 0
            let name = String(decoding: path.dropFirst(abstract ? 1 : 0).prefix { $0 != 0 }, as: UTF8.self)
            return name.isEmpty ? nil : "the unix socket " + (abstract ? "@" : "") + name
        case 2 where b.count >= 8:
            return "\(b[4]).\(b[5]).\(b[6]).\(b[7]) port \(Int(b[2]) << 8 | Int(b[3]))"
        case 10 where b.count >= 24:
            return "[\(ipv6(Array(b[8..<24])))] port \(Int(b[2]) << 8 | Int(b[3]))"
        default:
            return nil
        }
    }

    static func describe(hex: ArraySlice<UInt8>) -> String? {
        guard let b = HexText.decodeBytes(hex), b.count >= 2 else { return nil }
        let family = Int(b[0]) | Int(b[1]) << 8
        guard let name = NameTables.addressFamilies[family] else { return "unknown-family(\(family))" }
        switch family {
        case 1:
            let path = b.dropFirst(2)
            if path.first == 0 {   // abstract socket
                let text = String(decoding: path.dropFirst().prefix { $0 != 0 }, as: UTF8.self)
                return "{ saddr_fam=local path=@\(text) }"
            }
            return "{ saddr_fam=local path=\(String(decoding: path.prefix { $0 != 0 }, as: UTF8.self)) }"
        case 2 where b.count >= 8:
            let port = Int(b[2]) << 8 | Int(b[3])
            return "{ saddr_fam=inet laddr=\(b[4]).\(b[5]).\(b[6]).\(b[7]) lport=\(port) }"
        case 10 where b.count >= 24:
            let port = Int(b[2]) << 8 | Int(b[3])
            return "{ saddr_fam=inet6 laddr=\(ipv6(Array(b[8..<24]))) lport=\(port) }"
        case 16 where b.count >= 12:
            let pid = UInt32(b[4]) | UInt32(b[5]) << 8 | UInt32(b[6]) << 16 | UInt32(b[7]) << 24
            return "{ saddr_fam=netlink nlnk-fam=\(family) nlnk-pid=\(pid) }"
        default:
            return "{ saddr_fam=\(name) }"
        }
    }

    /// The IP address alone, for `-hn`: ausearch matches host names against SOCKADDR addresses too.
    static func address(hex: ArraySlice<UInt8>) -> String? {
        guard let b = HexText.decodeBytes(hex), b.count >= 8 else { return nil }
        switch Int(b[0]) | Int(b[1]) << 8 {
        case 2: return "\(b[4]).\(b[5]).\(b[6]).\(b[7])"
        case 10 where b.count >= 24: return ipv6(Array(b[8..<24]))
        default: return nil
        }
    }

    /// RFC 5952 text for an IPv6 address (longest zero run compressed).
    static func ipv6(_ bytes: [UInt8]) -> String {
        var groups: [Int] = []
        for k in stride(from: 0, to: 16, by: 2) { groups.append(Int(bytes[k]) << 8 | Int(bytes[k + 1])) }
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return "::ffff:\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])"
        }
        var bestStart = -1, bestLength = 0, k = 0
        while k < 8 {
            if groups[k] == 0 {
                var e = k
                while e < 8 && groups[e] == 0 { e += 1 }
                if e - k > bestLength && e - k > 1 { bestStart = k; bestLength = e - k }
                k = e
            } else { k += 1 }
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
