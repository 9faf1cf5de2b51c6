import AuditRules

/// CIS Docker Benchmark 1.6.0 items 1.1.1 and 1.1.2, which are about the host rather than
/// the audit rules: the data root on a partition of its own, so a full disk of images does
/// not stop the host (and its audit log); and who can control the daemon, which is root on
/// the host by another name.
enum DockerAccessChecks {
    static func run(_ snapshot: HostSnapshot, trustedUsers: Set<String>?) -> [CheckResult] {
        [partition(snapshot), control(snapshot, trustedUsers: trustedUsers)]
    }

    private static func partition(_ snapshot: HostSnapshot) -> CheckResult {
        let docker = snapshot.docker
        let root = snapshot.dataRootReal ?? docker.dataRoot
        func result(_ status: CheckStatus, _ evidence: [String], _ remediation: String? = nil) -> CheckResult {
            CheckResult(id: "cis-1.1.1", cis: "1.1.1", title: "a separate partition for containers (the data root)",
                        category: .cis, status: status, evidence: evidence, remediation: remediation)
        }
        if let problem = docker.daemonConfigProblem { return result(.skip, [problem]) }
        guard docker.binaries["dockerd"] != nil || docker.existing.contains(docker.dataRoot) else {
            return result(.na, ["Docker is not installed (no dockerd, no \(docker.dataRoot))"])
        }
        guard let mounts = snapshot.mounts.value else { return result(.skip, [snapshot.mounts.reason]) }
        let shown = root == docker.dataRoot ? root : "\(docker.dataRoot) (\(root))"
        if mounts.isMountPoint(root) { return result(.pass, ["\(shown) is a mount point (\(mounts.source))"]) }
        return result(.fail, ["\(shown) is on the partition of \(mounts.mountPoint(holding: root)) (\(mounts.source))"],
                      "give the data root a filesystem of its own: on a new host, a partition or LVM volume mounted at \(root); "
                        + "on this one, stop docker, copy \(root) to a new filesystem, mount it at \(root) and add it to /etc/fstab "
                        + "(dockaudit fix does not repartition)")
    }

    private static func control(_ snapshot: HostSnapshot, trustedUsers: Set<String>?) -> CheckResult {
        func result(_ status: CheckStatus, _ evidence: [String], _ remediation: String? = nil) -> CheckResult {
            CheckResult(id: "cis-1.1.2", cis: "1.1.2", title: "only trusted users can control the Docker daemon",
                        category: .cis, status: status, evidence: evidence, remediation: remediation)
        }
        let unread = (["/etc/group", "/etc/sudoers", "/etc/sudoers.d"] + snapshot.readProblems.keys.filter { $0.hasPrefix("/etc/sudoers.d/") })
            .compactMap { snapshot.readProblems[$0] }
        guard unread.isEmpty else { return result(.skip, unread.map(\.description)) }
        var evidence: [String] = []
        var users: [String: [String]] = [:]   // user → how they control the daemon
        if let gid = snapshot.groups["docker"] {
            let members = snapshot.groupMembers["docker"] ?? []
            evidence.append("docker group (gid \(gid)): " + (members.isEmpty ? "no members" : members.joined(separator: ", ")))
            for user in members { users[user, default: []].append("gpasswd -d \(user) docker") }
        } else {
            evidence.append("no docker group")
        }
        for grant in snapshot.sudoGrants {
            let who = grant.who.hasPrefix("%") ? snapshot.groupMembers[String(grant.who.dropFirst())] ?? [] : [grant.who]
            evidence.append("sudo: \(grant.who) may run \(grant.commands.joined(separator: ", ")) as root (\(grant.location))"
                            + (grant.who.hasPrefix("%") ? ": " + (who.isEmpty ? "no members" : who.joined(separator: ", ")) : ""))
            for user in who where user != "root" { users[user, default: []].append("narrow the sudoers rule at \(grant.location)") }
        }
        guard let trustedUsers else {
            evidence.append("each of them is root on this host through docker; give --trusted-users to judge the list")
            return result(.info, evidence)
        }
        let doubtful = users.keys.filter { !trustedUsers.contains($0) }.sorted()
        guard !doubtful.isEmpty else { return result(.pass, evidence) }
        evidence.append("not in --trusted-users: " + doubtful.joined(separator: ", "))
        return result(.warn, evidence, doubtful.flatMap { users[$0] ?? [] }.joined(separator: "; "))
    }
}
