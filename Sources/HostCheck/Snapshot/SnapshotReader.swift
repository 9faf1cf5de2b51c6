import AuditRules

/// Gathers a `HostSnapshot`: files under the root through `HostFiles`, and the live probes
/// through auditctl and /proc, or from recorded outputs. Reads only; never writes.
public struct SnapshotReader: Sendable {
    public var files: any HostFiles
    /// The live kernel, or nil offline (`--root`): probes are then unavailable unless recorded.
    public var control: (any AuditControl)?
    public var recordedStatus: String?
    public var recordedRules: String?
    public var recordedCmdline: String?
    public var root: String

    public init(root: String = "/", files: (any HostFiles)? = nil, control: (any AuditControl)? = nil,
                recordedStatus: String? = nil, recordedRules: String? = nil, recordedCmdline: String? = nil) {
        self.root = root
        self.files = files ?? LocalHostFiles(root: root)
        self.control = control
        self.recordedStatus = recordedStatus
        self.recordedRules = recordedRules
        self.recordedCmdline = recordedCmdline
    }

    var isLive: Bool { control != nil }

    public func read(native: RuleArch = .host) -> HostSnapshot {
        var snapshot = HostSnapshot()
        snapshot.root = root
        snapshot.native = native
        let parser = RuleParser(native: native)
        snapshot.auditdProgram = ["/sbin/auditd", "/usr/sbin/auditd"].first(where: files.exists)
        snapshot.status = probe(recordedStatus, parse: AuditStatus.init(parsing:),
                                offline: "offline: give --auditctl-status FILE") { try $0.status() }
        let listing = { (text: String) in RuleFile(path: "auditctl -l", bytes: Array(text.utf8), parser: parser).lines }
        snapshot.loadedRules = probe(recordedRules, parse: listing,
                                     offline: "offline: give --auditctl-rules FILE") { listing(try $0.loadedRules()) }
        if let recordedCmdline {
            snapshot.cmdline = .value(recordedCmdline)
        } else if isLive, let bytes = files.read("/proc/cmdline") {
            snapshot.cmdline = .value(String(decoding: bytes, as: UTF8.self))
        } else {
            snapshot.cmdline = .unavailable(isLive ? "/proc/cmdline cannot be read" : "offline: give --cmdline FILE")
        }
        if let status = snapshot.status.value, let pid = status.number("pid") {
            snapshot.auditdRunning = .value(pid > 0)
        } else if isLive {
            snapshot.auditdRunning = .value(processRunning("auditd"))
        } else {
            snapshot.auditdRunning = .unavailable("offline: give --auditctl-status FILE (its pid line)")
        }
        snapshot.grubDefaults = text("/etc/default/grub", problems: &snapshot.readProblems)
        snapshot.kernelCmdline = text("/etc/kernel/cmdline", problems: &snapshot.readProblems)
        snapshot.loaderEntries = files.list("/boot/loader/entries").filter { $0.hasSuffix(".conf") }
            .compactMap { text("/boot/loader/entries/" + $0, problems: &snapshot.readProblems) }
        snapshot.rulesDirectory = Result { () throws(RulesError) in try RulesDirectory(path: "/etc/audit/rules.d", files: files) }
        snapshot.auditdConf = text("/etc/audit/auditd.conf", problems: &snapshot.readProblems)
        if let conf = snapshot.auditdConf?.text.map(KeyValueConfig.init(text:)),
           let logFile = conf["log_file"]?.value, logFile.hasPrefix("/"), let slash = logFile.lastIndex(of: "/") {
            snapshot.logDirectory = slash == logFile.startIndex ? "/" : String(logFile[..<slash])
        }
        snapshot.logFiles = files.list(snapshot.logDirectory).filter { $0.hasPrefix("audit.log") }
            .map { snapshot.logDirectory + "/" + $0 }
        var watched = ["/etc/audit", "/etc/audit/rules.d", "/etc/audit/auditd.conf", "/etc/audit/audit.rules",
                       snapshot.logDirectory, "/var/run/docker.sock", "/run/docker.sock"] + snapshot.logFiles
        watched += files.list("/etc/audit/rules.d").map { "/etc/audit/rules.d/" + $0 }
        for path in watched {
            if let status = files.status(path) {
                snapshot.files[path] = status
            } else if let problem = files.accessProblem(path) {
                snapshot.readProblems[path] = problem
            }
        }
        if let group = text("/etc/group", problems: &snapshot.readProblems)?.text {
            for line in group.split(separator: "\n") {
                let parts = line.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count >= 3, let gid = UInt32(parts[2]) { snapshot.groups[String(parts[0])] = gid }
            }
        }
        snapshot.docker = DockerHost(discoveringOn: files)
        var paths = Set(CISDockerItem.items(on: snapshot.docker).flatMap(\.targets))
        let ruleLines = snapshot.parsedRules().flatMap(\.lines) + (snapshot.loadedRules.value ?? [])
        for line in ruleLines {
            guard let shape = line.statement.shape(native: native) else { continue }
            for field in shape.fields where field.name == "path" { paths.insert(field.value) }
        }
        for path in paths {
            if let resolved = directoryResolved(path), resolved != path { snapshot.resolvedPaths[path] = resolved }
        }
        return snapshot
    }

    private func text(_ path: String, problems: inout [String: HostFileError]) -> FileText? {
        switch files.load(path) {
        case .success(let bytes): return FileText(path: path, bytes: bytes)
        case .failure(let problem):
            if problem.reason != .notFound { problems[path] = problem }
            return nil
        }
    }

    /// A live probe, a recorded output, or the reason neither is there.
    private func probe<T: Sendable>(_ recorded: String?, parse: (String) -> T, offline: String,
                                    _ live: (any AuditControl) throws -> T) -> Probe<T> {
        if let recorded { return .value(parse(recorded)) }
        guard let control else { return .unavailable(offline) }
        do { return .value(try live(control)) } catch { return .unavailable("auditctl: \(error)") }
    }

    /// The path with the links of its directory resolved (under the root, within it); the
    /// last component is kept, since a watch names it whether or not it exists yet.
    private func directoryResolved(_ path: String) -> String? {
        guard path.hasPrefix("/"), path != "/", let slash = path.lastIndex(of: "/") else { return nil }
        let parent = slash == path.startIndex ? "/" : String(path[..<slash])
        guard let real = files.canonical(parent) else { return nil }
        return (real == "/" ? "" : real) + path[slash...]
    }

    private func processRunning(_ name: String) -> Bool {
        files.list("/proc").contains { entry in
            entry.allSatisfy(\.isNumber) && files.read("/proc/\(entry)/comm").map {
                String(decoding: $0, as: UTF8.self).trimmedBlanks() == name
            } == true
        }
    }
}
