import AuditLog
import BootAnalysis
import ContainerTrace

/// Runs the built-in detections over events in log order, each with the tracker's placement.
/// It keeps what the multi-event detections need and no more: the container processes that
/// connected out (until they exit), and the files container processes wrote (bounded).
public struct Detector: Sendable {
    /// The detections that run; the others are skipped.
    public var enabled: Set<String>
    /// Sigma rules, matched on the scan's workers (`EventClues(_:sigma:)`); their alerts carry
    /// the rule's id. All of them run: the caller leaves out those it does not want.
    public var sigma: [SigmaRule] = []
    /// When reboots are planned: a reboot of an immutable host inside one is no alert.
    public var maintenanceWindows: [MaintenanceWindow] = []
    /// Since when the rules are immutable (`-e 2`), in this boot.
    private var immutableSince: Double?
    private var connectedOut: Set<Int> = []
    private var writtenInContainers: Set<String> = []
    /// Processes already told of for deleting rules: `auditctl -D` deletes each rule in an event of its own.
    private var deletedRules: Set<Int> = []
    /// How many containers the catalog had at the last look: socket-mounting runs are matched
    /// to a container only when a new one launched, not on every event.
    private var containersSeen = 0
    /// `docker run`s that mount the Docker socket, told of when their container launches.
    private var socketMounts: [(pid: Int, time: Double, summary: String, auid: UInt32?, argv: [String], exe: String?, event: EventID)] = []
    static let maximumWrittenFiles = 100_000

    public init(enabled: Set<String> = Set(BuiltInDetections.all.map(\.id))) {
        self.enabled = enabled
    }

    static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox-sh"]
    static let dockerSockets: Set<String> = ["/var/run/docker.sock", "/run/docker.sock"]
    static let dockerConfiguration = ["/etc/docker/", "/etc/default/docker", "/etc/sysconfig/docker",
                                      "/lib/systemd/system/docker.", "/usr/lib/systemd/system/docker.", "/etc/systemd/system/docker."]
    static let auditConfiguration = ["/etc/audit/"]
    static let sensitiveFiles = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers"]
    /// The keys rule sets give the watches on those files (this profile's, CIS's, the STIG's):
    /// through a bind mount the container names the file by another path, but the watch
    /// follows the inode and its key says which file it was.
    static let sensitiveWatchKeys: Set<String> = ["identity", "shadow", "sudoers", "scope", "actions", "privileged-passwd"]
    static let sensitiveWhenWritten = ["/etc/passwd", "/etc/group", "/etc/cron", "/var/spool/cron/", "/root/.ssh/", "/authorized_keys"]
    static let binaryDirectories = ["/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/", "/usr/local/sbin/"]
    static let packageManagers: Set<String> = ["dpkg", "apt", "apt-get", "rpm", "dnf", "yum", "unattended-upgr", "pip", "pip3", "install"]
    static let writingCalls: Set<String> = ["rename", "renameat", "renameat2", "unlink", "unlinkat", "truncate", "ftruncate",
                                            "chmod", "fchmod", "fchmodat", "chown", "fchown", "fchownat", "lchown", "link", "linkat",
                                            "symlink", "symlinkat", "creat", "setxattr", "lsetxattr", "removexattr", "utimensat"]

    /// The alerts `clues` raises, placed where the tracker put its process.
    public mutating func inspect(_ clues: EventClues, placement: Placement?, catalog: ContainerCatalog) -> [Alert] {
        var alerts: [Alert] = []
        let sighting = clues.tracked.sighting
        let inContainer = placement?.container != nil
        func raise(_ detection: Detection, _ summary: String, always: Bool = false) {
            guard always || enabled.contains(detection.id) else { return }
            let container = placement?.container.map { id in
                Alert.Container(id: id, name: catalog.container(id)?.name, image: catalog.container(id)?.image)
            }
            let auid = (sighting?.auid ?? clues.recordAuid).flatMap { $0 == UInt32.max ? nil : $0 }
                ?? placement.flatMap { catalog.actor(for: $0)?.auid }
            alerts.append(Alert(detection: detection, event: clues.id, container: container, auid: auid, pid: sighting?.pid,
                                exe: sighting?.exe, argv: sighting?.argv, summary: summary))
        }
        for index in clues.sigmaMatches {
            raise(sigma[index].detection, "Sigma rule '\(sigma[index].title)' matched", always: true)
        }
        let program = (sighting?.argv?.first ?? sighting?.exe).map { String($0.split(separator: "/").last ?? "") } ?? ""
        let command = sighting?.argv?.joined(separator: " ") ?? sighting?.exe ?? "?"
        let writes = Self.writes(clues)

        // The configuration of auditing and of Docker.
        if clues.type == .configChange {
            if clues.auditEnabled == "2", immutableSince == nil { immutableSince = clues.id.time }
            if clues.auditEnabled == "0" { raise(BuiltInDetections.auditTampering, "auditing was switched off (-e 0)") }
            if clues.configOperation == "remove_rule", deletedRules.insert(sighting?.pid ?? -1).inserted {
                raise(BuiltInDetections.auditTampering, "\(command) deleted audit rules")
            }
        }
        if clues.type == .daemonEnd { raise(BuiltInDetections.auditTampering, "the audit daemon stopped") }
        if clues.type == .systemBoot || clues.type == .kernel, let since = immutableSince {
            immutableSince = nil
            let time = clues.id.time
            if !maintenanceWindows.contains(where: { $0.contains(time) }) {
                raise(BuiltInDetections.rebootWhileImmutable, "the host booted again while its rules had been immutable (-e 2) since "
                      + TimeText.interpretStyle(Int64(since)) + (maintenanceWindows.isEmpty ? "" : ", outside the maintenance windows"))
            }
        }
        if clues.type == .addUser { raise(BuiltInDetections.accountCreated, "an account was added") }
        for path in writes {
            if Self.dockerConfiguration.contains(where: path.hasPrefix) || path.hasSuffix("/daemon.json") {
                raise(BuiltInDetections.dockerDaemonConfigChange, "\(command) changed \(path)")
            }
            if Self.auditConfiguration.contains(where: path.hasPrefix) {
                raise(BuiltInDetections.auditTampering, "\(command) changed the audit configuration: \(path)")
            }
            if path.hasPrefix("/var/log/audit/"), clues.syscall.map({ ["unlink", "unlinkat", "truncate", "ftruncate", "rename", "renameat", "renameat2"].contains($0) }) == true {
                raise(BuiltInDetections.auditTampering, "\(command) removed or truncated the audit log \(path)")
            }
            if Self.binaryDirectories.contains(where: path.hasPrefix), !Self.packageManagers.contains(program), !inContainer {
                raise(BuiltInDetections.binaryDirectoryWrite, "\(command) wrote \(path)")
            }
        }
        guard let sighting else { return alerts }
        if sighting.exited { deletedRules.remove(sighting.pid) }
        alerts += launchedWithSocket(catalog)

        // What a docker client asks for.
        if let argv = sighting.argv {
            for case .dockerSocket(let path) in LaunchRisk.risks(ofDockerCommand: argv) where enabled.contains(BuiltInDetections.dockerSocketMount.id) {
                socketMounts.append((sighting.pid, sighting.time, "\(command) mounted the Docker socket (\(path)) into the container",
                                     sighting.auid.flatMap { $0 == UInt32.max ? nil : $0 }, argv, sighting.exe, clues.id))
            }
            if ["useradd", "adduser"].contains(program) { raise(BuiltInDetections.accountCreated, "\(command) ran") }
            let path = sighting.exe ?? argv.first ?? ""
            if ["/tmp/", "/var/tmp/", "/dev/shm/"].contains(where: path.hasPrefix) {
                raise(BuiltInDetections.executionFromTemp, "\(path) ran: \(command)")
            }
        }
        let call = clues.syscall
        if call == "ptrace", clues.arguments.first == 0x10 || clues.arguments.first == 0x4206 {
            raise(BuiltInDetections.ptraceAttach, "\(command) attached to pid \(clues.arguments[1]) with ptrace")
        }
        if call == "init_module" || call == "finit_module" {
            raise(inContainer ? BuiltInDetections.containerKernelModule : BuiltInDetections.kernelModuleLoad,
                  "\(command) " + (clues.success == true ? "loaded a kernel module" : "tried to load a kernel module"))
        }
        guard inContainer, placement?.isRuntimeStep == false else { return alerts }

        // Inside a container.
        if call == "connect", let socket = clues.unixSocket, Self.dockerSockets.contains(where: socket.hasSuffix) {
            raise(BuiltInDetections.dockerSocketFromContainer, "\(command) connected to the Docker API at \(socket)")
        }
        if clues.connectsToNetwork { connectedOut.insert(sighting.pid) }
        if let argv = sighting.argv {
            if Self.shells.contains(program), let tty = sighting.tty, tty != "(none)" {
                raise(BuiltInDetections.containerTerminalShell, "\(command) started on terminal \(tty)")
            }
            if Self.shells.contains(program), connectedOut.contains(sighting.pid) {
                raise(BuiltInDetections.containerReverseShell, "\(command) ran in a process that had connected out")
            }
            if program == "nsenter" { raise(BuiltInDetections.containerNamespaceEscape, "\(command) ran") }
            if let exe = sighting.exe, writtenInContainers.contains(exe) || writtenInContainers.contains(argv.first ?? "") {
                raise(BuiltInDetections.containerDrift, "\(exe) was written inside the container, then ran: \(command)")
            }
        }
        if (call == "setns" || call == "unshare"), clues.success == true {
            raise(BuiltInDetections.containerNamespaceEscape, "\(command) called \(call!)")
        }
        if call == "mount" { raise(BuiltInDetections.containerMount, "\(command) mounted a filesystem") }
        let watched = clues.key.map(Self.sensitiveWatchKeys.contains) == true
        for path in clues.paths.map(\.name) where path != "/" && !path.hasSuffix("/") {
            if Self.sensitiveFiles.contains(where: path.hasPrefix) || (writes.contains(path) && Self.sensitiveWhenWritten.contains(where: path.contains)) {
                raise(BuiltInDetections.hostSensitiveFileFromContainer, "\(command) touched \(path)")
            } else if watched {
                raise(BuiltInDetections.hostSensitiveFileFromContainer, "\(command) touched \(path), a host file watched as \(clues.key!)")
            }
        }
        for path in writes where writtenInContainers.count < Self.maximumWrittenFiles { writtenInContainers.insert(path) }
        if sighting.exited { connectedOut.remove(sighting.pid) }
        return alerts
    }

    /// The socket-mounting runs whose container has launched, as alerts naming it.
    private mutating func launchedWithSocket(_ catalog: ContainerCatalog) -> [Alert] {
        guard catalog.containers.count != containersSeen else { return [] }
        containersSeen = catalog.containers.count
        guard !socketMounts.isEmpty else { return [] }
        var alerts: [Alert] = []
        socketMounts.removeAll { run in
            guard let info = catalog.containers.last(where: { $0.actor?.pid == run.pid && $0.actor?.time == run.time }) else { return false }
            alerts.append(Alert(detection: BuiltInDetections.dockerSocketMount, event: run.event,
                                container: Alert.Container(id: info.id, name: info.name, image: info.image), auid: run.auid,
                                pid: run.pid, exe: run.exe, argv: run.argv, summary: run.summary))
            return true
        }
        return alerts
    }

    /// Ends the log: a socket-mounting run whose container never launched is told of without it.
    public mutating func finish() -> [Alert] {
        defer { socketMounts.removeAll() }
        return socketMounts.map { run in
            Alert(detection: BuiltInDetections.dockerSocketMount, event: run.event, container: nil, auid: run.auid,
                  pid: run.pid, exe: run.exe, argv: run.argv, summary: run.summary + " (no launch of it in the log)")
        }
    }

    /// The files an event wrote: created, deleted or renamed entries, or an open for writing.
    static func writes(_ clues: EventClues) -> [String] {
        let call = clues.syscall ?? ""
        var opensForWriting = false
        if call == "open" || call == "openat" {
            let flags = clues.arguments[call == "open" ? 1 : 2]
            opensForWriting = flags & 3 != 0 || flags & 0o1000 != 0   // O_WRONLY, O_RDWR, O_TRUNC
        }
        return clues.paths.filter { path in
            path.nametype == "CREATE" || path.nametype == "DELETE" || (path.nametype != "PARENT" && (opensForWriting || writingCalls.contains(call)))
        }.map(\.name)
    }
}
