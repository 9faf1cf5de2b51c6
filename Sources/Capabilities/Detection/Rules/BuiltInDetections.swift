/// The detections dockaudit knows without Sigma: container-aware ones that need the tracker's
/// placement, and the host-side ones people expect from an audited host.
public enum BuiltInDetections {
    static let execs = "-a always,exit -F arch=b64 -S execve,execveat -k exec"

    public static let dockerSocketMount = Detection(
        id: "docker-socket-mount", title: "a container started with the Docker socket mounted", severity: .high,
        mitre: ["T1610", "T1611"], needs: [execs])
    public static let dockerSocketFromContainer = Detection(
        id: "docker-socket-from-container", title: "a container process connected to the Docker API socket", severity: .high,
        mitre: ["T1610", "T1611"], needs: ["-a always,exit -F arch=b64 -S connect -k network"])
    public static let containerTerminalShell = Detection(
        id: "container-terminal-shell", title: "an interactive shell started in a container", severity: .medium,
        mitre: ["T1059.004", "T1609"], needs: [execs])
    public static let dockerDaemonConfigChange = Detection(
        id: "docker-daemon-config-change", title: "the Docker daemon's configuration was changed", severity: .medium,
        mitre: ["T1543.002", "T1562.001"],
        needs: ["-w /etc/docker -p wa -k docker", "-w /lib/systemd/system/docker.service -p wa -k docker",
                "-w /etc/default/docker -p wa -k docker"])
    public static let auditTampering = Detection(
        id: "audit-tampering", title: "auditing was switched off, its rules deleted or its files changed", severity: .high,
        mitre: ["T1562.012", "T1070.002"],
        needs: ["-w /etc/audit -p wa -k audit-config", "-w /var/log/audit -p wa -k audit-log"])
    public static let containerNamespaceEscape = Detection(
        id: "container-namespace-escape", title: "a container process entered other namespaces", severity: .high,
        mitre: ["T1611"], needs: ["-a always,exit -F arch=b64 -S setns,unshare -k namespaces", execs])
    public static let containerMount = Detection(
        id: "container-mount", title: "a container process mounted a filesystem", severity: .high,
        mitre: ["T1611"], needs: ["-a always,exit -F arch=b64 -S mount -k mount"])
    public static let containerDrift = Detection(
        id: "container-drift", title: "a container ran a file written inside it", severity: .medium,
        mitre: ["T1610", "T1105"], needs: [execs, "-a always,exit -F arch=b64 -S openat -F a2&0x40 -k file-create",
                                           "-a always,exit -F arch=b64 -S open -F a1&0x40 -k file-create",
                                           "-a always,exit -F arch=b64 -S creat -k file-create"])
    public static let hostSensitiveFileFromContainer = Detection(
        id: "host-sensitive-file-from-container", title: "a container process touched a sensitive host file", severity: .high,
        mitre: ["T1611", "T1003.008"], needs: ["-w /etc/shadow -p rwa -k identity", "-w /etc/sudoers -p rwa -k identity"])
    public static let containerKernelModule = Detection(
        id: "container-kernel-module", title: "a container process tried to load a kernel module", severity: .critical,
        mitre: ["T1547.006", "T1611"], needs: ["-a always,exit -F arch=b64 -S init_module,finit_module -k modules"])
    public static let containerReverseShell = Detection(
        id: "container-reverse-shell", title: "a container process connected out, then ran a shell", severity: .high,
        mitre: ["T1059.004", "T1071"], needs: ["-a always,exit -F arch=b64 -S connect -k network", execs])
    public static let executionFromTemp = Detection(
        id: "execution-from-temp", title: "a program ran from /tmp, /var/tmp or /dev/shm", severity: .medium,
        mitre: ["T1059", "T1204.002"], needs: [execs])
    public static let kernelModuleLoad = Detection(
        id: "kernel-module-load", title: "a kernel module was loaded", severity: .medium,
        mitre: ["T1547.006"], needs: ["-a always,exit -F arch=b64 -S init_module,finit_module -k modules"])
    public static let ptraceAttach = Detection(
        id: "ptrace-attach", title: "a process attached to another with ptrace", severity: .medium,
        mitre: ["T1055.008"], needs: ["-a always,exit -F arch=b64 -S ptrace -k ptrace"])
    public static let accountCreated = Detection(
        id: "account-created", title: "an account was created", severity: .low,
        mitre: ["T1136.001"], needs: [execs])
    public static let binaryDirectoryWrite = Detection(
        id: "binary-directory-write", title: "a file below the system's binary directories was written", severity: .medium,
        mitre: ["T1574", "T1543"], needs: ["-w /usr/bin -p wa -k binaries", "-w /usr/sbin -p wa -k binaries"])

    public static let rebootWhileImmutable = Detection(
        id: "reboot-while-immutable", title: "the host rebooted while its audit rules were immutable", severity: .high,
        mitre: ["T1529", "T1562.012"], needs: ["-e 2 as the last rule"])

    /// The rules every built-in detection needs, once each, in order (`-e 2` left to the
    /// caller, which must choose to lock the rules).
    public static var neededRules: [String] {
        var seen: Set<String> = []
        return all.flatMap(\.needs).filter { !$0.hasPrefix("-e ") && seen.insert($0).inserted }
    }

    /// Every built-in detection, in the order `detect --list` shows them.
    public static let all: [Detection] = [
        dockerSocketMount, dockerSocketFromContainer, containerTerminalShell, dockerDaemonConfigChange, auditTampering,
        containerNamespaceEscape, containerMount, containerDrift, hostSensitiveFileFromContainer, containerKernelModule,
        containerReverseShell, executionFromTemp, kernelModuleLoad, ptraceAttach, accountCreated, binaryDirectoryWrite,
        rebootWhileImmutable,
    ]
}
