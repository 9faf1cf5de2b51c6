import AuditLog

/// The container runtime's own steps inside a container it is creating: `runc init` (comm
/// `runc:[1:CHILD]`, `runc:[2:INIT]`) mounting, pivoting and joining namespaces, until it
/// executes the container's program. After the pivot the kernel names its program "/", so
/// reports name the runtime instead.
enum RuntimeInit {
    /// The runtime ("runc", "crun") when `event` is one of its in-container steps.
    static func runtime(of event: AuditEvent) -> String? {
        if let comm = event.records.first?.text(of: "comm"), comm.hasPrefix("runc:[") { return "runc" }
        // "runc" and "crun" as hex (the kernel writes argv with NULs as hex) or as text: only
        // such titles are decoded, so other events cost a substring search.
        guard let title = event.first(.proctitle)?.value(of: "proctitle"),
              ["72756E63", "6372756E", "runc", "crun"].contains(where: { ByteSearch.contains(title, $0) }) else { return nil }
        let words = (HexText.decodeBytes(ArraySlice(title.utf8)) ?? Array(title.utf8)).split(separator: 0, omittingEmptySubsequences: false)
        guard words.count >= 2, let program = words[0].split(separator: UInt8(ascii: "/")).last else { return nil }
        let name = String(decoding: program, as: UTF8.self)
        return (name == "runc" || name == "crun") && String(decoding: words[1], as: UTF8.self) == "init" ? name : nil
    }
}
