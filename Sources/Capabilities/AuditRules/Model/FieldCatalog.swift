import AuditLog

/// The `-F` field names auditctl knows, and what their values may be.
enum FieldCatalog {
    /// What a field's value is.
    enum ValueKind: Sendable, Equatable {
        /// A number (decimal; `0x` hex for a0–a3 and other masks).
        case number
        /// A user: a number, a name, or `unset`/`-1`.
        case user
        case group
        /// An arch: `b32`, `b64`, a machine name or a number.
        case arch
        /// A syscall exit value: a number or an errno name (`-EACCES`).
        case exit
        /// `0` or `1`.
        case success
        /// Watch permission letters, `rwxa`.
        case permission
        /// `file`, `dir`, `socket`, `link`, `character`, `block`, `fifo`, or a number.
        case fileType
        /// A record type name or number.
        case messageType
        /// A path (`path`, `dir`, `exe`).
        case path
        /// Free text (security labels, keys).
        case text
    }

    /// Every field name libaudit accepts, with its value kind.
    package static let fields: [String: ValueKind] = [
        "pid": .number, "ppid": .number, "pers": .number, "sessionid": .number,
        "uid": .user, "euid": .user, "suid": .user, "fsuid": .user, "auid": .user, "loginuid": .user,
        "obj_uid": .user,
        "gid": .group, "egid": .group, "sgid": .group, "fsgid": .group, "obj_gid": .group,
        "arch": .arch, "msgtype": .messageType, "exit": .exit, "success": .success,
        "devmajor": .number, "devminor": .number, "inode": .number,
        "a0": .number, "a1": .number, "a2": .number, "a3": .number, "saddr_fam": .number,
        "path": .path, "dir": .path, "exe": .path, "perm": .permission, "filetype": .fileType,
        "fstype": .text, "key": .text, "field_compare": .number,
        "subj_user": .text, "subj_role": .text, "subj_type": .text, "subj_sen": .text, "subj_clr": .text,
        "obj_user": .text, "obj_role": .text, "obj_type": .text, "obj_lev_low": .text, "obj_lev_high": .text,
    ]

    /// The fields `-C` may compare.
    static let comparable: Set<String> = [
        "auid", "uid", "euid", "suid", "fsuid", "obj_uid", "gid", "egid", "sgid", "fsgid", "obj_gid",
    ]

    /// The kernel's limit on the fields of one rule (AUDIT_MAX_FIELDS).
    static let maximumFields = 64
    /// The kernel's limit on a rule's key, all keys joined by 0x01 (AUDIT_MAX_KEY_LEN).
    static let maximumKeyLength = 256

    static let fileTypes: [String: Int] = [
        "socket": 0o140000, "link": 0o120000, "file": 0o100000, "block": 0o060000, "dir": 0o040000,
        "character": 0o020000, "fifo": 0o010000,
    ]

    /// Checks a value against its field's kind; returns the reason when auditctl would refuse it.
    static func problem(with field: RuleField) -> String? {
        guard let kind = fields[field.name] else { return nil }
        let value = field.value
        if value.isEmpty { return "field \(field.name) has no value" }
        switch kind {
        case .number:
            return integer(value) == nil ? "\(field.name) takes a number, not '\(value)'" : nil
        case .user, .group:
            if value == "unset" || integer(value) != nil { return nil }
            let valid = value.utf8.allSatisfy { $0 > 0x20 && $0 != UInt8(ascii: ",") && $0 < 0x7F }
            return valid ? nil : "\(field.name) takes a name or number, not '\(value)'"
        case .arch:
            return RuleArch(value) == nil ? "unknown arch '\(value)' (use b64 or b32)" : nil
        case .exit:
            if integer(value) != nil { return nil }
            let name = value.hasPrefix("-") ? String(value.dropFirst()) : value
            return ErrnoTable.number(of: name) == nil ? "exit takes a number or an errno name, not '\(value)'" : nil
        case .success:
            return value == "0" || value == "1" ? nil : "success takes 0 or 1, not '\(value)'"
        case .permission:
            return value.count <= 4 && WatchPermissions(letters: value.lowercased()) != nil
                ? nil : "perm takes the letters r, w, x and a, not '\(value)'"
        case .fileType:
            return fileTypes[value] != nil || integer(value) != nil ? nil : "unknown filetype '\(value)'"
        case .messageType:
            return integer(value) != nil || MessageType(name: value) != nil
                ? nil : "unknown record type '\(value)'"
        case .path:
            return value.hasPrefix("/") ? nil : "\(field.name) must be an absolute path, not '\(value)'"
        case .text:
            return nil
        }
    }

    /// A decimal, `0x` hex or negative number.
    static func integer(_ text: String) -> Int64? {
        if let value = Int64(text) { return value }
        if let value = UInt64(text) { return Int64(bitPattern: value) }
        let lower = text.lowercased()
        if lower.hasPrefix("0x"), let value = UInt64(lower.dropFirst(2), radix: 16) { return Int64(bitPattern: value) }
        return nil
    }
}
