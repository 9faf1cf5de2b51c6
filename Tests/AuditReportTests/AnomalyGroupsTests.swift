import AuditLog
import AuditReport
import Testing
import TestSupport

/// Anomalies as a Docker host logs them (samples/audit.log): dockerd's veth interfaces, and a crash.
@Suite struct AnomalyGroupsTests {
    static func promiscuous(_ serial: Int, _ second: Int, device: String, exe: String = "/usr/sbin/dockerd") -> [String] {
        [#"type=ANOM_PROMISCUOUS msg=audit(17957788\#(second).279:\#(serial)): dev=\#(device) prom=256 old_prom=0 auid=4294967295 uid=0 gid=0 ses=4294967295"#,
         #"type=SYSCALL msg=audit(17957788\#(second).279:\#(serial)): arch=c000003e syscall=44 success=yes exit=40 a0=10 a1=c000fcebd0 a2=28 a3=0 items=0 ppid=1 pid=5354 auid=4294967295 uid=0 gid=0 euid=0 tty=(none) ses=4294967295 comm="dockerd" exe="\#(exe)" key=(null)"#]
    }

    static let crash = #"type=ANOM_ABEND msg=audit(1795778816.900:500): auid=1001 uid=0 gid=0 ses=1 pid=5700 comm="dash" exe="/usr/bin/dash" sig=11 res=1"#

    @Test func repeatedAnomaliesOfOneProgramAreOneLineWithCountAndRange() {
        var groups = AnomalyGroups(userName: { [0: "root"][$0] })
        let lines = (0..<14).flatMap { Self.promiscuous(960 + $0, 10 + $0, device: "veth\($0)abc") } + [Self.crash]
        for event in events(lines) { groups.add(event) }
        #expect(groups.eventCount == 15 && groups.groups.count == 2)
        let dockerd = groups.groups[0]
        #expect(dockerd.count == 14 && dockerd.kind == "ANOM_PROMISCUOUS" && dockerd.program == "/usr/sbin/dockerd")
        #expect(dockerd.benign != nil)
        let text = groups.lines()
        #expect(text[0].hasPrefix("14× /usr/sbin/dockerd ANOM_PROMISCUOUS, first: "))
        #expect(text[0].contains("veth0abc into promiscuous mode") && text[0].contains(" – "))
        #expect(text[0].hasSuffix("[known benign: dockerd attaching a container's veth interface to its bridge]"))
        #expect(groups.groups[1].benign == nil && !text[1].contains("known benign"))
    }

    @Test func onlyDockerdsVethInterfacesAreBenign() {
        var groups = AnomalyGroups(userName: { _ in nil })
        let lines = Self.promiscuous(1, 10, device: "eth0") + Self.promiscuous(2, 11, device: "veth1", exe: "/usr/sbin/tcpdump")
        for event in events(lines) { groups.add(event) }
        #expect(groups.groups.count == 2 && groups.groups.allSatisfy { $0.benign == nil })
        var mixed = AnomalyGroups(userName: { _ in nil })
        for event in events(Self.promiscuous(1, 10, device: "veth1") + Self.promiscuous(2, 11, device: "eth0")) { mixed.add(event) }
        #expect(mixed.groups.count == 1 && mixed.groups[0].count == 2 && mixed.groups[0].benign == nil)
    }

    /// The kernel often logs a veth joining the bridge with no SYSCALL record: no process,
    /// auid unset, uid 0. Benign as well, in a line of its own; a process-less anomaly on
    /// another device, or with a login user, is not.
    @Test func aVethJoiningTheBridgeWithoutAProcessIsBenign() {
        var groups = AnomalyGroups(userName: { _ in nil })
        let kernelOnly = (0..<3).map { Self.promiscuous(10 + $0, 20 + $0, device: "veth\($0)k")[0] }
        for event in events(kernelOnly + Self.promiscuous(30, 40, device: "veth9")) { groups.add(event) }
        #expect(groups.groups.count == 2 && groups.groups.allSatisfy { $0.benign != nil })
        #expect(groups.groups[0].program == "?" && groups.groups[0].count == 3)
        let eth = Self.promiscuous(1, 10, device: "eth0")[0]
        let loggedIn = Self.promiscuous(2, 11, device: "veth1")[0].replacingOccurrences(of: "auid=4294967295", with: "auid=1001")
        for line in [eth, loggedIn] {
            var other = AnomalyGroups(userName: { _ in nil })
            for event in events([line]) { other.add(event) }
            #expect(other.groups.count == 1 && other.groups[0].benign == nil, "\(line)")
        }
    }
}
