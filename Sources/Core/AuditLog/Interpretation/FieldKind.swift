/// How a field's value is turned into text for people, following auparse's type table
/// (`ausearch -i`). A field not listed is printed as it is.
enum FieldKind: Equatable {
    case uid, gid, syscall, arch, exit, escaped, escapedFile, escapedKey, perm, mode, sockaddr
    case promisc, capability, success, syscallArgument(Int), signal, list, session, capabilitySet
    case proctitle, nfproto, personality, errno, macLabel, unclassified
    case pathFlags, modeShort, ipProtocol, icmpType, seccomp, openFlags, mmapFlags, hook, netAction
    case macProtocol, ioctlRequest, fanotify, netlinkGroup, resolve, address, ttyData

    /// The kind of a field located in `bytes`, found without making a string for common names.
    static func of(_ field: RawField, in bytes: [UInt8], type: MessageType) -> FieldKind {
        let length = field.nameEnd - field.nameStart
        if length <= 16, type == .path || type == .execve, let kind = ofCommonRecord(field, length, in: bytes, type: type) {
            return kind
        }
        if length <= 16 && !Self.hasOwnRules(type) {
            var key = PackedName()
            for k in 0..<length { key.set(k, bytes[field.nameStart + k]) }
            key.length = UInt8(length)
            return packed.kind(of: key)
        }
        return of(field.name(in: bytes), in: type,
                  value: String(decoding: bytes[field.writtenRange(limit: bytes.count)], as: UTF8.self))
    }

    /// PATH and EXECVE, the records every exec writes, by their bytes: their one override
    /// each (PATH's `flags`; EXECVE's `a0`, `a1_len[0]`…), else the usual kind. Nil for `acct`,
    /// whose kind depends on its value.
    private static func ofCommonRecord(_ field: RawField, _ length: Int, in bytes: [UInt8], type: MessageType) -> FieldKind? {
        let name = bytes[field.nameStart..<field.nameEnd]
        if name.elementsEqual("acct".utf8) { return nil }
        if type == .path, name.elementsEqual("flags".utf8) { return .pathFlags }
        if type == .execve, name.first == UInt8(ascii: "a"), !name.elementsEqual("argc".utf8), !name.reversed().starts(with: "nel_".utf8) {
            return .escaped
        }
        var key = PackedName()
        for k in 0..<length { key.set(k, bytes[field.nameStart + k]) }
        key.length = UInt8(length)
        return packed.kind(of: key)
    }

    /// The record types where auparse overrides a field's usual kind.
    /// (A switch, not a set: this is asked for every field of every `-i` line.)
    @inline(__always)
    static func hasOwnRules(_ type: MessageType) -> Bool {
        switch type {
        case .execve, .path, .mqOpen, .trustedApp, .addGroup, .delGroup, .grpMgmt, .userTty, .netfilterPkt,
             .kernModule, .avc, .cryptoKeyUser: return true
        default: return false
        }
    }

    /// The kind of a field by name, with auparse's per-record-type overrides
    /// (`auparse_interp_adjust_type`); `value` as written decides `acct` and TRUSTED_APP fields.
    static func of(_ name: String, in type: MessageType, value: String = "") -> FieldKind {
        if type == .execve, name.first == "a", name != "argc", !name.hasSuffix("_len") { return .escaped }
        if type == .avc, name == "saddr" { return .unclassified }
        if type == .userTty, name == "msg" { return .escaped }
        if type == .netfilterPkt, name == "saddr" { return .address }
        if name == "acct" {
            return value.first == "\"" || HexText.isHex(ArraySlice(value.utf8)) ? .escaped : .unclassified
        }
        if type == .path, name == "flags" { return .pathFlags }
        if type == .mqOpen, name == "mode" { return .modeShort }
        if type == .cryptoKeyUser, name == "fp" { return .unclassified }
        if name == "id", type == .addGroup || type == .delGroup || type == .grpMgmt { return .gid }
        if type == .trustedApp {
            if value.first == "\"" { return .escaped }
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return .unclassified }
            return HexText.isHex(ArraySlice(value.utf8)) ? .escaped : .unclassified
        }
        if type == .kernModule, name == "name" { return .escaped }
        return byName[name] ?? .unclassified
    }

    /// Up to 16 name bytes packed into two words.
    fileprivate struct PackedName: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length: UInt8 = 0

        mutating func set(_ index: Int, _ byte: UInt8) {
            if index < 8 { low |= UInt64(byte) << (8 * UInt64(index)) } else { high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }

        init() {}

        init(_ name: String) {
            for (index, byte) in name.utf8.enumerated() { set(index, byte) }
            length = UInt8(name.utf8.count)
        }
    }

    private static let packed = PackedTable(byName.filter { $0.key.utf8.count <= 16 }.map { (PackedName($0.key), $0.value) })

    /// A fixed open-addressing table from packed names to kinds, with a multiplicative hash
    /// (looked up for every field of every `-i` line, where SipHash would dominate).
    fileprivate struct PackedTable {
        private var keys: [PackedName?]
        private var kinds: [FieldKind]
        private let mask: Int

        init(_ entries: [(PackedName, FieldKind)]) {
            var size = 64
            while size < entries.count * 4 { size <<= 1 }
            keys = Array(repeating: nil, count: size)
            kinds = Array(repeating: .unclassified, count: size)
            mask = size - 1
            for (key, kind) in entries {
                var i = PackedTable.slot(key, mask)
                while let existing = keys[i], existing != key { i = (i + 1) & mask }
                keys[i] = key
                kinds[i] = kind
            }
        }

        @inline(__always)
        private static func slot(_ key: PackedName, _ mask: Int) -> Int {
            let mixed = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(key.length)
            return Int(truncatingIfNeeded: mixed >> 40) & mask
        }

        func kind(of key: PackedName) -> FieldKind {
            var i = PackedTable.slot(key, mask)
            while let existing = keys[i] {
                if existing == key { return kinds[i] }
                i = (i + 1) & mask
            }
            return .unclassified
        }
    }

    private static let byName: [String: FieldKind] = {
        var table: [String: FieldKind] = [:]
        for n in ["auid", "uid", "euid", "suid", "fsuid", "ouid", "oauid", "old-auid", "iuid", "id",
                  "inode_uid", "sauid", "obj_uid"] { table[n] = .uid }
        for n in ["obj_gid", "gid", "egid", "sgid", "fsgid", "ogid", "igid", "inode_gid", "new_gid"] { table[n] = .gid }
        for n in ["path", "comm", "exe", "file", "watch", "cwd", "cmd", "acct", "dir", "vm", "old-chardev",
                  "new-chardev", "old-disk", "new-disk", "old-fs", "new-fs", "old-net", "new-net", "device",
                  "cgroup", "apparmor", "operation", "denied_mask", "info", "profile", "requested_mask",
                  "old-rng", "new-rng", "ocomm", "grp", "new_group", "invalid_context", "sw", "root_dir"] {
            table[n] = .escaped
        }
        for n in ["cap_pi", "cap_pe", "cap_pp", "cap_pa", "cap_fi", "cap_fp", "fp", "fi", "old_pp", "old_pi",
                  "old_pe", "old_pa", "new_pp", "new_pi", "new_pe", "pp", "pi", "pe", "pa"] { table[n] = .capabilitySet }
        for n in ["subj", "obj", "scontext", "tcontext", "vm-ctx", "img-ctx"] { table[n] = .macLabel }
        table["syscall"] = .syscall
        table["arch"] = .arch
        table["exit"] = .exit
        table["name"] = .escapedFile
        table["key"] = .escapedKey
        table["perm"] = .perm
        table["perm_mask"] = .perm
        table["mode"] = .mode
        table["saddr"] = .sockaddr
        table["prom"] = .promisc
        table["old_prom"] = .promisc
        table["capability"] = .capability
        table["res"] = .success
        table["result"] = .success
        for k in 0..<4 { table["a\(k)"] = .syscallArgument(k) }
        table["sig"] = .signal
        table["sigev_signo"] = .signal
        table["list"] = .list
        table["ses"] = .session
        table["family"] = .nfproto
        table["per"] = .personality
        table["proctitle"] = .proctitle
        table["errno"] = .errno
        table["proto"] = .ipProtocol
        table["icmptype"] = .icmpType
        table["code"] = .seccomp
        table["oflag"] = .openFlags
        table["flags"] = .mmapFlags
        table["hook"] = .hook
        table["action"] = .netAction
        table["macproto"] = .macProtocol
        table["ioctlcmd"] = .ioctlRequest
        table["resp"] = .fanotify
        table["nl-mcgrp"] = .netlinkGroup
        table["resolve"] = .resolve
        table["addr"] = .address
        table["data"] = .ttyData
        return table
    }()
}
