import ContainerTrace
import Testing

@Suite struct LaunchRiskTests {
    private func risks(_ command: String) -> [LaunchRisk] {
        LaunchRisk.risks(ofDockerCommand: command.split(separator: " ").map(String.init))
    }

    @Test func readsEveryWayToReachTheHost() {
        let found = risks("/usr/bin/docker run -d --name web -v /var/run/docker.sock:/var/run/docker.sock --cap-add NET_ADMIN,sys_ptrace "
                          + "--pid=host --privileged -v /:/host:ro --mount type=bind,source=/etc/,target=/h --network host "
                          + "--security-opt seccomp:unconfined busybox sh")
        #expect(found == [.dockerSocket("/var/run/docker.sock"), .addedCapability("NET_ADMIN"), .addedCapability("SYS_PTRACE"),
                          .hostNamespace("pid"), .privileged, .hostMount("/"), .hostMount("/etc"), .hostNamespace("network"),
                          .unconfined("seccomp")])
        #expect(found.map(\.description).first == "the Docker socket mounted (/var/run/docker.sock)")
    }

    @Test func theContainersOwnArgumentsAreNotOptions() {
        #expect(risks("docker run busybox --privileged -v /:/x").isEmpty)
        #expect(risks("docker run -e X=1 -w /work busybox sh -c --cap-add").isEmpty)
    }

    @Test func namedVolumesOrdinaryMountsAndOtherCommandsAreFine() {
        #expect(risks("docker run -v data:/data -v /srv/app:/app --mount type=volume,source=/etc,target=/x busybox").isEmpty)
        #expect(risks("docker exec --privileged web sh").isEmpty)
        #expect(risks("sudo docker run --privileged busybox").isEmpty, "sudo's own execve is not the client's")
        #expect(risks("docker run --privileged=false busybox").isEmpty)
    }

    @Test func containerCreateAndTheRunDirectory() {
        #expect(risks("docker container create --userns=host -v /run:/run busybox") == [.hostNamespace("userns"), .dockerSocket("/run")])
    }
}
