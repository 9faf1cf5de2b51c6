import AuditLog

/// Parses the words of one rules-file line as auditctl does, option by option, with the
/// same ordering rules (`-F` after the list, `arch` before `-S`, `-k` after a watch or
/// syscall) and the same limits. A line may hold several control options (`-b 8192 -f 1`).
public struct RuleParser: Sendable {
    /// The host's native arch, which `b64`/`b32` and rules without `-F arch=` resolve to.
    public var native: RuleArch

    public init(native: RuleArch = .x86_64) { self.native = native }

    /// Options that take a value, as in auditctl's getopt string.
    private static let takesValue: Set<Character> = ["C", "e", "f", "r", "b", "a", "A", "d", "S", "F", "m", "R",
                                                     "w", "W", "k", "p", "q"]
    private static let longOptions: [String: Bool] = [
        "loginuid-immutable": false, "backlog_wait_time": true, "reset-lost": false,
        "reset_backlog_wait_time_actual": false, "signal": true,
    ]

    package func parse(_ words: [String], at location: RuleLocation) throws(RuleProblem) -> [RuleStatement] {
        var state = LineState(location: location, native: native)
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-"), word.count >= 2 else {
                throw state.problem("'\(word)' is not an option (a value without an option, or a stray word)")
            }
            var value: String?
            let option: String
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                guard let needsValue = Self.longOptions[name] else { throw state.problem("unknown option \(word)") }
                option = "--" + name
                if body.contains("=") {
                    value = String(body.drop { $0 != "=" }.dropFirst())
                } else if needsValue {
                    guard index < words.count else { throw state.problem("\(option) needs a value") }
                    value = words[index]
                    index += 1
                }
            } else {
                let letter = word[word.index(after: word.startIndex)]
                option = "-" + String(letter)
                let attached = word.dropFirst(2)
                if Self.takesValue.contains(letter) {
                    if !attached.isEmpty {
                        value = String(attached)
                    } else {
                        guard index < words.count else { throw state.problem("\(option) needs a value") }
                        value = words[index]
                        index += 1
                    }
                } else if !attached.isEmpty {
                    throw state.problem("unknown option \(word)")
                }
            }
            try state.apply(option, value)
        }
        return try state.statements()
    }
}

/// What one line has said so far.
private struct LineState {
    let location: RuleLocation
    let native: RuleArch
    var controls: [ControlOption] = []
    var watchPath: String?
    var watchRemoves = false
    var operation: RuleOperation?
    var list: RuleList?
    var action: RuleAction?
    var syscalls: [String] = []
    var fields: [RuleField] = []
    var comparisons: [FieldComparison] = []
    var keys: [String] = []
    var permissions: WatchPermissions?
    var deleteAll = false
    var archValue: RuleArch?

    init(location: RuleLocation, native: RuleArch) {
        self.location = location
        self.native = native
    }

    func problem(_ message: String, code: String = "syntax") -> RuleProblem {
        RuleProblem(code: code, message: message, location: location)
    }

    var hasRuleTarget: Bool { watchPath != nil || operation != nil }

    mutating func apply(_ option: String, _ value: String?) throws(RuleProblem) {
        let value = value ?? ""
        switch option {
        case "-D": deleteAll = true
        case "-b": controls.append(.backlogLimit(try count(value, "backlog")))
        case "-r": controls.append(.rateLimit(try count(value, "rate")))
        case "--backlog_wait_time": controls.append(.backlogWaitTime(try count(value, "backlog_wait_time")))
        case "-f":
            guard ["0", "1", "2"].contains(value) else { throw problem("failure mode must be 0, 1 or 2, not '\(value)'") }
            controls.append(.failureMode(Int(value)!))
        case "-e":
            guard ["0", "1", "2"].contains(value) else { throw problem("enabled must be 0, 1 or 2, not '\(value)'") }
            controls.append(.enabled(Int(value)!))
        case "-i": controls.append(.ignoreErrors)
        case "-c": controls.append(.continueOnError)
        case "--loginuid-immutable": controls.append(.loginUIDImmutable)
        case "--reset-lost": controls.append(.resetLost)
        case "-w", "-W": try watch(value, removes: option == "-W")
        case "-a", "-A", "-d": try rule(option, value)
        case "-S": try addSyscalls(value)
        case "-F": try addField(value)
        case "-C": try addComparison(value)
        case "-k": try addKey(value)
        case "-p":
            guard hasRuleTarget else { throw problem("-p needs a watch (-w) before it") }
            if watchPath == nil {
                // auditctl 3.0.9 turns -p on a rule into -F perm=, once a field or syscall came first.
                guard !fields.isEmpty || !syscalls.isEmpty || !keys.isEmpty else {
                    throw problem("-p must follow a field or -S on a rule (auditctl: \"Permissions should be preceeded by other fields\")")
                }
                try addField("perm=" + value)
                return
            }
            guard value.count <= 4, let permissions = WatchPermissions(letters: value.lowercased()) else {
                throw problem("permission '\(value)' is not made of r, w, x and a", code: "bad-permission")
            }
            self.permissions = permissions
        case "-R": throw problem("-R (read another rules file) cannot be nested in a rules file")
        case "-l", "-s", "-m", "-q", "-t", "-v", "-h", "--signal", "--reset_backlog_wait_time_actual":
            throw problem("\(option) is a command, not a rule: it does not belong in a rules file")
        default:
            throw problem("unknown option \(option)")
        }
    }

    private func count(_ value: String, _ what: String) throws(RuleProblem) -> Int {
        guard let first = value.first, first.isASCII, first.isNumber, let number = Int(value), number >= 0 else {
            throw problem("\(what) must be a number, not '\(value)'")
        }
        return number
    }

    private mutating func watch(_ path: String, removes: Bool) throws(RuleProblem) {
        guard operation == nil else { throw problem("a watch (-w) cannot be given with a syscall rule (-a)") }
        guard watchPath == nil else { throw problem("only one watch per line") }
        guard path.hasPrefix("/") else { throw problem("the watch path must start with '/': '\(path)'") }
        guard path.utf8.count < 4096 else { throw problem("the watch path is longer than PATH_MAX") }
        var trimmed = path
        if trimmed.utf8.count > 2 { while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() } }
        guard (trimmed.split(separator: "/").last?.utf8.count ?? 0) <= 255 else {
            throw problem("the watch path's last part is longer than NAME_MAX")
        }
        watchPath = trimmed
        watchRemoves = removes
    }

    private mutating func rule(_ option: String, _ value: String) throws(RuleProblem) {
        guard operation == nil, watchPath == nil else {
            throw problem("only one rule (-a, -A, -d or -w) per line")
        }
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { throw problem("\(option) takes list,action (for example always,exit), not '\(value)'") }
        if parts.contains("possible") { throw problem("the action 'possible' is deprecated and refused by auditctl") }
        if let action = RuleAction(rawValue: parts[0]), let list = RuleList(rawValue: parts[1]) {
            self.action = action
            self.list = list
        } else if let list = RuleList(rawValue: parts[0]), let action = RuleAction(rawValue: parts[1]) {
            self.action = action
            self.list = list
        } else {
            throw problem("\(option) takes a list (task, exit, user, exclude, filesystem, io_uring) and an action (always, never), not '\(value)'")
        }
        operation = option == "-a" ? .append : option == "-A" ? .prepend : .delete
    }

    private mutating func addSyscalls(_ value: String) throws(RuleProblem) {
        if let list, [.task, .user, .filesystem, .exclude].contains(list) {
            throw problem("syscalls (-S) cannot be filtered on the \(list.rawValue) list")
        }
        let arch = archValue ?? native
        for name in value.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if name == "all" || list == .ioUring {
                syscalls.append(name)
                continue
            }
            guard !name.isEmpty, let number = arch.syscallNumber(name) else {
                throw problem("syscall '\(name)' is unknown on \(arch)", code: "unknown-syscall")
            }
            if Int(name) != nil, SyscallTableLookup.name(number, arch) == nil {
                throw problem("syscall number \(name) is unknown on \(arch)", code: "unknown-syscall")
            }
            syscalls.append(name)
        }
    }

    private mutating func addField(_ text: String) throws(RuleProblem) {
        guard hasRuleTarget else { throw problem("-F needs a list (-a always,exit) before it") }
        guard let (name, op, value) = Self.split(text) else {
            throw problem("-F takes name, operator and value (for example auid>=1000), not '\(text)'")
        }
        if name == "key" {
            guard op == .equal else { throw problem("key takes only =") }
            return try addKey(value)
        }
        guard let kind = FieldCatalog.fields[name] else {
            throw problem("unknown field '\(name)'", code: "unknown-field")
        }
        if [.path, .text, .arch, .permission].contains(kind), op != .equal, op != .notEqual {
            throw problem("field \(name) takes only = or !=, not \(op.rawValue)")
        }
        let field = RuleField(name: name, op: op, value: value)
        if let reason = FieldCatalog.problem(with: field) {
            throw problem(reason, code: kind == .permission ? "bad-permission" : "syntax")
        }
        if name == "arch" {
            guard syscalls.isEmpty else { throw problem("-F arch= must come before -S (auditctl: arch must be before -S)") }
            archValue = RuleArch(value, native: native)
        }
        if name == "perm", let list, list != .exit {
            throw problem("perm can only be used on the exit list")
        }
        fields.append(field)
    }

    private mutating func addComparison(_ text: String) throws(RuleProblem) {
        guard operation != nil else { throw problem("-C needs a list (-a always,exit) before it") }
        guard let (left, op, right) = Self.split(text), op == .equal || op == .notEqual else {
            throw problem("-C takes field=field or field!=field, not '\(text)'")
        }
        for name in [left, right] where !FieldCatalog.comparable.contains(name) {
            throw problem("-C cannot compare '\(name)' (uid and gid fields only)", code: "unknown-field")
        }
        comparisons.append(FieldComparison(left: left, op: op, right: right))
    }

    private mutating func addKey(_ key: String) throws(RuleProblem) {
        if deleteAll, !hasRuleTarget {   // -D -k key: delete the rules with that key
            keys.append(key)
            return
        }
        guard hasRuleTarget else { throw problem("-k needs a watch or syscall rule before it") }
        guard !key.isEmpty else { throw problem("-k needs a key") }
        if key.utf8.contains(1) { throw problem("a key may not hold the 0x01 separator") }
        let length = (keys + [key]).map(\.utf8.count).reduce(0, +) + keys.count
        guard length <= FieldCatalog.maximumKeyLength else {
            throw problem("the key is \(length) bytes; the kernel takes at most \(FieldCatalog.maximumKeyLength)",
                          code: "key-too-long")
        }
        keys.append(key)
    }

    /// `name<op>value`: the name ends at the first operator character.
    static func split(_ text: String) -> (String, FieldOperator, String)? {
        let characters = Array(text)
        guard let at = characters.firstIndex(where: { "=!<>&".contains($0) }), at > 0 else { return nil }
        let name = String(characters[..<at])
        if at + 1 < characters.count, let op = FieldOperator(rawValue: String(characters[at...(at + 1)])) {
            return (name, op, String(characters[(at + 2)...]))
        }
        guard let op = FieldOperator(rawValue: String(characters[at])) else { return nil }
        return (name, op, String(characters[(at + 1)...]))
    }

    func statements() throws(RuleProblem) -> [RuleStatement] {
        var result: [RuleStatement] = []
        if deleteAll {
            guard controls.isEmpty, operation == nil, watchPath == nil, keys.count <= 1 else {
                throw problem("-D takes no other option than -k")
            }
            return [.control(.deleteAll(key: keys.first))]
        }
        result = controls.map { .control($0) }
        if let watchPath {
            guard fields.isEmpty, comparisons.isEmpty, syscalls.isEmpty else {
                throw problem("a watch (-w) takes only -p and -k; write -a always,exit -F path=… for more fields")
            }
            result.append(.watch(WatchRule(path: watchPath, permissions: permissions, keys: keys, removes: watchRemoves)))
        } else if let operation, let list, let action {
            let count = fields.count + comparisons.count + (keys.isEmpty ? 0 : 1)
            guard count <= FieldCatalog.maximumFields else {
                throw problem("the rule has \(count) fields; the kernel takes at most \(FieldCatalog.maximumFields)",
                              code: "too-many-fields")
            }
            result.append(.syscall(SyscallRule(operation: operation, list: list, action: action, syscalls: syscalls,
                                               fields: fields, comparisons: comparisons, keys: keys)))
        } else if !syscalls.isEmpty || !fields.isEmpty {
            throw problem("no list given: add -a always,exit")
        }
        guard !result.isEmpty else { throw problem("the line holds no rule or control option") }
        return result
    }
}

/// Syscall names by number, from the log engine's tables.
enum SyscallTableLookup {
    static func name(_ number: Int, _ arch: RuleArch) -> String? {
        SyscallTable.name(of: number, arch: arch.value)
    }
}
