import HostIO
/// Checks a rule set as auditctl would load it (files in order, statements as written) and
/// reports errors, warnings with their fix, and the cost of each syscall rule.
public struct RuleLinter: Sendable {
    public var native: RuleArch
    public var accounts: AccountNames
    /// Whether a path exists on the audited host (under `--root` when given; a link counts).
    public var pathExists: @Sendable (String) -> Bool
    /// Whether a path is a directory on the audited host (links followed).
    public var isDirectory: @Sendable (String) -> Bool
    /// False when no host was given: the checks that depend on the host's files are left out.
    var knowsHost: Bool

    /// Without `pathExists` and `isDirectory` the linter judges the text alone: every path
    /// exists and none is a directory.
    public init(native: RuleArch = .x86_64, accounts: AccountNames = .none,
                pathExists: (@Sendable (String) -> Bool)? = nil,
                isDirectory: (@Sendable (String) -> Bool)? = nil) {
        self.native = native
        self.accounts = accounts
        self.pathExists = pathExists ?? { _ in true }
        self.isDirectory = isDirectory ?? { _ in false }
        knowsHost = pathExists != nil || isDirectory != nil
    }

    /// Syscalls that most processes make all the time: a rule on them without a narrowing
    /// field writes a record for nearly every process on the host.
    static let highVolumeSyscalls: Set<String> = [
        "read", "write", "open", "openat", "openat2", "close", "mmap", "munmap", "mprotect", "brk", "fstat",
        "stat", "lstat", "newfstatat", "statx", "lseek", "pread64", "pwrite64", "readv", "writev", "futex",
        "poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait", "recvfrom", "sendto", "recvmsg",
        "sendmsg", "getdents64", "ioctl", "access", "faccessat", "faccessat2", "nanosleep", "clock_nanosleep",
        "rt_sigaction", "rt_sigprocmask", "getpid", "gettid", "sched_yield", "fcntl",
    ]

    public func lint(_ files: [RuleFile]) -> LintReport {
        var findings: [LintFinding] = []
        for file in files {
            findings += file.problems.map { LintFinding(.error, $0.code, $0.message, at: $0.location) }
            if !file.endsWithNewline {
                findings.append(LintFinding(.warning, "no-final-newline",
                    "the file does not end with a newline: augenrules' cat glues its last line to the first line of the next file",
                    fix: "add a newline at the end of the file", at: RuleLocation(file: file.path, line: file.lineCount)))
            }
        }
        let lines = files.flatMap(\.lines)
        findings += immutability(lines)
        let rules = lines.compactMap { line in line.statement.shape(native: native, accounts: accounts).map { (line, $0) } }
        findings += architecture(rules)
        findings += order(rules)
        findings += volume(rules)
        findings += hostFindings(lines)
        let costs = rules.map { line, shape in
            RuleCostEntry(location: line.location, text: line.text, cost: cost(of: line.statement),
                          highVolume: isHighVolume(line.statement, shape))
        }
        return LintReport(findings: findings.sorted { ($0.location, $0.code) < ($1.location, $1.code) }, costs: costs)
    }

    // MARK: - -e 2

    private func immutability(_ lines: [RuleLine]) -> [LintFinding] {
        guard let lock = lines.firstIndex(where: { $0.statement == .control(.enabled(2)) }) else { return [] }
        var findings: [LintFinding] = []
        let lockedAt = lines[lock].location
        for line in lines[(lock + 1)...] {
            findings.append(LintFinding(.warning, "after-immutable",
                "comes after -e 2 (\(lockedAt)): once the rules are locked the kernel refuses every change, so this is ignored until reboot",
                fix: "move it before -e 2", at: line.location))
        }
        if lock != lines.count - 1 {
            findings.append(LintFinding(.warning, "immutable-not-last",
                "-e 2 is not the last line: what follows it is refused until reboot",
                fix: "make -e 2 the very last line (augenrules moves the last -e of rules.d to the end)",
                at: lockedAt))
        }
        return findings
    }

    // MARK: - arch and b32 twins

    private func architecture(_ rules: [(RuleLine, RuleShape)]) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (line, shape) in rules {
            guard case .syscall(let rule) = line.statement, rule.list == .exit, !rule.coversAllSyscalls else { continue }
            guard let arch = shape.arch else {
                findings.append(LintFinding(.warning, "no-arch",
                    "syscall rule without -F arch=: its syscall numbers are the native ones, and a 32-bit program calls the same syscalls by other numbers",
                    fix: "add -F arch=b64, and a twin rule with -F arch=b32", at: line.location))
                continue
            }
            guard arch.is64Bit, let compat = arch.compat else { continue }
            let names = rule.syscalls.filter { compat.syscallNumber($0) != nil && Int($0) == nil }
            guard !names.isEmpty else { continue }
            let wanted = Set(names.compactMap { compat.syscallNumber($0) })
            let twin = rules.contains { _, other in
                other.arch == compat && other.list == shape.list && other.action == shape.action
                    && other.fields == shape.fields && other.keys == shape.keys
                    && (other.syscalls.map { wanted.isSubset(of: $0) } ?? true)
            }
            if !twin {
                findings.append(LintFinding(.warning, "no-b32-twin",
                    "b64 rule without a b32 twin: a 32-bit program calling \(names.joined(separator: ",")) is not audited",
                    fix: "add the same rule with -F arch=b32", at: line.location))
            }
        }
        return findings
    }

    // MARK: - duplicates, shadowing, never placement, merges

    /// Earlier rules are found through indexes (by path and its parents, by merge key), so
    /// a rules.d of thousands of rules is linted in about linear time; the rule reported is
    /// still the first one in load order.
    private func order(_ rules: [(RuleLine, RuleShape)]) -> [LintFinding] {
        var findings: [LintFinding] = []
        let directories = Set(rules.flatMap { $0.1.fields.filter { $0.name == "path" }.map(\.value) }.filter(isDirectory))
        var withoutPath: [Int] = []
        var byPath: [String: [Int]] = [:]
        for (j, (later, laterShape)) in rules.enumerated() {
            let path = Self.pathValue(laterShape)
            var candidates = withoutPath
            if let path {
                for place in Self.selfAndParents(path) { candidates += byPath[place] ?? [] }
                candidates.sort()
            }
            for i in candidates {
                let (earlier, earlierShape) = rules[i]
                if earlierShape == laterShape {
                    if kernelFields(earlier.statement) == kernelFields(later.statement) {
                        findings.append(LintFinding(.error, "duplicate",
                            "duplicate of \(earlier.location): the kernel refuses it (Rule exists), which stops auditctl -R unless -i or -c is set",
                            fix: "delete one of the two", at: later.location))
                    } else {
                        findings.append(LintFinding(.warning, "duplicate",
                            "the same rule as \(earlier.location) with its fields in another order: the kernel keeps both and walks both",
                            fix: "delete one of the two", at: later.location))
                    }
                    break
                }
                if earlierShape.list == .exit, laterShape.list == .exit, covers(earlierShape, laterShape, directories: directories) {
                    let effect = earlierShape.action == .never ? "silences every event it would audit"
                        : earlierShape.keys == laterShape.keys ? "already audits every event it matches"
                        : "takes every event it matches, with key \(earlierShape.keys.joined(separator: ","))"
                    findings.append(LintFinding(.warning, "shadowed",
                        "shadowed by \(earlier.location): the kernel stops at the first matching rule, and that rule \(effect)",
                        fix: "delete it, or move it above \(earlier.location)", at: later.location))
                    break
                }
            }
            if let path { byPath[path, default: []].append(j) } else { withoutPath.append(j) }
            if laterShape.action == .never, laterShape.list == .exit,
               let earlier = rules[..<j].first(where: { $0.1.action == .always && $0.1.list == .exit && overlaps($0.1, laterShape) }) {
                findings.append(LintFinding(.warning, "never-late",
                    "never rule after \(earlier.0.location), which matches some of the same syscalls first: a never rule only short-cuts the rules below it",
                    fix: "move never rules to the top of the exit rules", at: later.location))
            }
        }
        return findings + mergeableFindings(rules)
    }

    /// What two rules must share to be merged into one `-S` list.
    private struct MergeKey: Hashable {
        var list: RuleList, action: RuleAction, arch: RuleArch?
        var fields: Set<RuleShape.NormalizedField>, comparisons: Set<String>, keys: [String]
    }

    private func mergeableFindings(_ rules: [(RuleLine, RuleShape)]) -> [LintFinding] {
        var groups: [MergeKey: [Int]] = [:]
        for (index, (line, shape)) in rules.enumerated() {
            guard case .syscall(let rule) = line.statement, !rule.coversAllSyscalls, rule.operation == .append else { continue }
            groups[MergeKey(list: shape.list, action: shape.action, arch: shape.arch, fields: shape.fields,
                            comparisons: shape.comparisons, keys: shape.keys), default: []].append(index)
        }
        var findings: [LintFinding] = []
        var reported: Set<Int> = []
        for members in groups.values {
            for (position, j) in members.enumerated() where !reported.contains(j) {
                let partners = members[(position + 1)...].filter { !reported.contains($0) && rules[$0].1.syscalls != rules[j].1.syscalls }
                guard !partners.isEmpty else { continue }
                reported.formUnion(partners)
                let places = partners.map { rules[$0].0.location.description }.joined(separator: ", ")
                findings.append(LintFinding(.warning, "mergeable",
                    "same list, action, fields and key as \(places): each rule is walked separately on every syscall",
                    fix: "merge them into one rule with one -S list", at: rules[j].0.location))
            }
        }
        return findings
    }

    private static func pathValue(_ shape: RuleShape) -> String? {
        shape.fields.first { $0.name == "path" }?.value
    }

    /// `/a/b/c`, `/a/b`, `/a`, `/`: the places whose watch could cover a rule on `path`.
    private static func selfAndParents(_ path: String) -> [String] {
        var places = [path]
        var current = path
        while current != "/", let slash = current.lastIndex(of: "/") {
            current = slash == current.startIndex ? "/" : String(current[..<slash])
            places.append(current)
        }
        return places
    }

    /// Whether `first` matches everything `second` matches.
    private func covers(_ first: RuleShape, _ second: RuleShape, directories: Set<String>) -> Bool {
        guard first.arch == second.arch || first.arch == nil && second.arch == native else { return false }
        if let firstCalls = first.syscalls {
            guard let secondCalls = second.syscalls, secondCalls.isSubset(of: firstCalls) else { return false }
        }
        guard first.comparisons.isSubset(of: second.comparisons) else { return false }
        for field in first.fields where !second.fields.contains(field) {
            // A recursive directory watch covers the paths below it.
            guard field.name == "path", directories.contains(field.value),
                  second.fields.contains(where: { $0.name == "path" && $0.value.hasPrefix(field.value + "/") }) else {
                if field.name == "perm", let wide = WatchPermissions(letters: field.value),
                   let narrow = second.fields.first(where: { $0.name == "perm" }).flatMap({ WatchPermissions(letters: $0.value) }),
                   wide.isSuperset(of: narrow) { continue }
                return false
            }
        }
        return true
    }

    /// Whether some syscall could match both rules: the same arch, a shared syscall (a
    /// watch only sees syscalls that touch files), and places that can meet.
    private func overlaps(_ a: RuleShape, _ b: RuleShape) -> Bool {
        guard a.arch == b.arch || a.arch == nil || b.arch == nil else { return false }
        let table = a.arch ?? b.arch ?? native
        func calls(_ shape: RuleShape) -> Set<Int>? {
            if let syscalls = shape.syscalls { return syscalls }
            return shape.fields.contains { $0.name == "perm" } ? FileSyscalls.numbers(table) : nil
        }
        if let x = calls(a), let y = calls(b), x.isDisjoint(with: y) { return false }
        guard let first = place(a), let second = place(b) else { return true }
        return first == second || first.hasPrefix(second == "/" ? "/" : second + "/")
            || second.hasPrefix(first == "/" ? "/" : first + "/")
    }

    /// The file or tree a rule is limited to (`path=`, `dir=`, a watch), if any.
    private func place(_ shape: RuleShape) -> String? {
        shape.fields.first { $0.name == "path" && $0.op == .equal }?.value
    }

    /// The fields as the kernel stores and compares them, in order: a watch on a directory
    /// becomes `dir=`, `loginuid` is `auid`, and keys come last.
    func kernelFields(_ statement: RuleStatement) -> [String] {
        switch statement {
        case .watch(let watch):
            var path = watch.path
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            return [(isDirectory(path) ? "dir=" : "path=") + path, "perm=" + watch.effectivePermissions.description,
                    "key=" + watch.keys.joined(separator: "\u{1}")]
        case .syscall(let rule):
            return rule.fields.map { field in
                let value = RuleShape.normalize(field, accounts: accounts).value
                return "\(field.name == "loginuid" ? "auid" : field.name)\(field.op.rawValue)\(value)"
            } + ["key=" + rule.keys.joined(separator: "\u{1}")]
        case .control:
            return []
        }
    }

    // MARK: - volume and cost

    private func volume(_ rules: [(RuleLine, RuleShape)]) -> [LintFinding] {
        rules.compactMap { line, shape in
            guard isHighVolume(line.statement, shape), case .syscall(let rule) = line.statement else { return nil }
            let busy = rule.coversAllSyscalls ? "every syscall" : rule.syscalls.filter(Self.highVolumeSyscalls.contains).joined(separator: ",")
            return LintFinding(.warning, "high-volume",
                "audits \(busy) of every process with no narrowing field: expect a flood of records and a slower host",
                fix: "narrow it with -F (for example -F auid>=1000 -F auid!=unset, -F exit=-EACCES, -F dir=/path, -F exe=/path)",
                at: line.location)
        }
    }

    private func isHighVolume(_ statement: RuleStatement, _ shape: RuleShape) -> Bool {
        guard case .syscall(let rule) = statement, rule.list == .exit, rule.action == .always,
              rule.narrowingFields.isEmpty, rule.comparisons.isEmpty else { return false }
        return rule.coversAllSyscalls || rule.syscalls.contains(where: Self.highVolumeSyscalls.contains)
    }

    func cost(of statement: RuleStatement) -> RuleCost {
        switch statement {
        case .watch: return .fileSyscalls
        case .syscall(let rule):
            guard rule.list == .exit else { return .notPerSyscall }
            if rule.fields.contains(where: { $0.name == "perm" }) { return .fileSyscalls }
            return rule.coversAllSyscalls ? .everySyscall : .listedSyscalls
        case .control: return .notPerSyscall
        }
    }
}

/// What `rules lint` found, and the cost of each rule.
public struct LintReport: Sendable {
    public var findings: [LintFinding]
    public var costs: [RuleCostEntry]

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    package var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// How many rules fall in each cost class.
    package var costSummary: [RuleCost: Int] {
        Dictionary(grouping: costs, by: \.cost).mapValues(\.count)
    }
}

/// One rule's cost class.
public struct RuleCostEntry: Sendable, Hashable {
    package var location: RuleLocation
    public var text: String
    var cost: RuleCost
    package var highVolume: Bool
}
