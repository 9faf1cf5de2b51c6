import AuditRules
import HostIO

/// Gathers a `HostSnapshot`: files under the root through `HostFiles`, and the live probes
/// through auditctl and /proc, or from recorded outputs. Reads only; never writes.
public struct SnapshotReader: Sendable {
    public var files: any HostFiles
    /// The live kernel, or nil offline (`--root`): probes are then unavailable unless recorded.
    public var control: (any AuditControl)?
    package var recordedStatus: String?
    package var recordedRules: String?
    package var recordedCmdline: String?
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

    /// This host, live: its files, and the kernel through auditctl.
    public static func live() -> SnapshotReader { SnapshotReader(root: "/", control: Auditctl()) }

    /// This host live when `root` is nil; else the tree under `root`, offline, with the
    /// probes' outputs read from the files given (`auditctl -s`, `auditctl -l`, /proc/cmdline).
    public static func at(root: String?, statusFile: String? = nil, rulesFile: String? = nil,
                          cmdlineFile: String? = nil) throws(HostError) -> SnapshotReader {
        func recorded(_ path: String?) throws(HostError) -> String? {
            guard let path else { return nil }
            return String(decoding: try LocalHostFiles().load(path).get(), as: UTF8.self)
        }
        return SnapshotReader(root: root ?? "/", control: root == nil ? Auditctl() : nil, recordedStatus: try recorded(statusFile),
                              recordedRules: try recorded(rulesFile), recordedCmdline: try recorded(cmdlineFile))
    }

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
        snapshot.auditdState = text(AuditdState.path, problems: &snapshot.readProblems)
        snapshot.pluginInstalled = files.exists("/etc/audit/plugins.d/dockaudit.conf")
        snapshot.pluginStats = text("/var/lib/dockaudit/plugin/stats.json", problems: &snapshot.readProblems)
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
        readAccounts(into: &snapshot)
        readSudoers(into: &snapshot)
        if isLive, let mountinfo = text("/proc/self/mountinfo", problems: &snapshot.readProblems)?.text {
            snapshot.mounts = .value(MountTable(mountinfo: mountinfo))
        } else if !isLive, let fstab = text("/etc/fstab", problems: &snapshot.readProblems)?.text {
            snapshot.mounts = .value(MountTable(fstab: fstab))
        } else {
            snapshot.mounts = .unavailable(isLive ? "/proc/self/mountinfo cannot be read" : "offline, and no /etc/fstab under the root")
        }
        snapshot.docker = DockerHost(discoveringOn: files)
        snapshot.dataRootReal = files.canonical(snapshot.docker.dataRoot)
        var paths = Set(CISDockerItem.items(on: snapshot.docker).flatMap { $0.targets + $0.shadowed })
        let ruleLines = snapshot.parsedRules().flatMap(\.lines) + (snapshot.loadedRules.value ?? [])
        for line in ruleLines {
            guard let shape = line.statement.shape(native: native) else { continue }
            for field in shape.fields where field.name == "path" { paths.insert(field.value) }
        }
        for path in paths {
            switch directoryResolved(path) {
            case .existing(let resolved)?, .missing(let resolved)?:
                if resolved != path { snapshot.resolvedPaths[path] = resolved }
            case .loop(let link)?: snapshot.linkLoops[path] = link
            case nil: break
            }
        }
        return snapshot
    }

    /// Groups, their members, and the users whose primary group each is.
    private func readAccounts(into snapshot: inout HostSnapshot) {
        var names: [UInt32: String] = [:]
        for line in (text("/etc/group", problems: &snapshot.readProblems)?.text ?? "").split(separator: "\n") {
            let parts = line.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let gid = UInt32(parts[2]) else { continue }
            let name = String(parts[0])
            snapshot.groups[name] = gid
            names[gid] = name
            if parts.count >= 4 { snapshot.groupMembers[name] = parts[3].split(separator: ",").map(String.init) }
        }
        for line in (text("/etc/passwd", problems: &snapshot.readProblems)?.text ?? "").split(separator: "\n") {
            let parts = line.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 4, let gid = UInt32(parts[3]), let group = names[gid] else { continue }
            let user = String(parts[0])
            if !(snapshot.groupMembers[group] ?? []).contains(user) { snapshot.groupMembers[group, default: []].append(user) }
        }
    }

    /// /etc/sudoers and the files of /etc/sudoers.d that sudo reads (no `.` in the name,
    /// not ending in `~`).
    private func readSudoers(into snapshot: inout HostSnapshot) {
        let included = files.list("/etc/sudoers.d").filter { !$0.contains(".") && !$0.hasSuffix("~") }
        for path in ["/etc/sudoers"] + included.map({ "/etc/sudoers.d/" + $0 }) {
            guard let file = text(path, problems: &snapshot.readProblems) else { continue }
            snapshot.sudoersFiles.append(path)
            snapshot.sudoGrants += SudoersRules.dockerGrants(in: file.text ?? "", path: path)
        }
        if files.exists("/etc/sudoers.d"), files.list("/etc/sudoers.d").isEmpty, let problem = files.accessProblem("/etc/sudoers.d/x") {
            snapshot.readProblems["/etc/sudoers.d"] = HostError(path: "/etc/sudoers.d", reason: problem.reason)
        }
    }

    private func text(_ path: String, problems: inout [String: HostError]) -> FileText? {
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
    private func directoryResolved(_ path: String) -> PathResolution? {
        guard path.hasPrefix("/"), path != "/", let slash = path.lastIndex(of: "/") else { return nil }
        let parent = slash == path.startIndex ? "/" : String(path[..<slash])
        let name = path[path.index(after: slash)...]
        switch files.resolve(parent, followLast: true) {
        case .existing(let real): return .existing((real == "/" ? "" : real) + "/" + name)
        case .missing(let real): return .missing((real == "/" ? "" : real) + "/" + name)
        case .loop(let link): return .loop(link: link)
        }
    }

    private func processRunning(_ name: String) -> Bool {
        files.list("/proc").contains { entry in
            entry.allSatisfy(\.isNumber) && files.read("/proc/\(entry)/comm").map {
                String(decoding: $0, as: UTF8.self).trimmedBlanks() == name
            } == true
        }
    }
}
