import AuditLog
import Testing
import AuditReport

@Suite struct EventSentenceTests {
    let sentence = EventSentence(userName: { [0: "root", 1001: "alice"][$0] })

    @Test func saysWhoActingAsWhomDidWhatWhereAndHow() throws {
        let event = try #require(try events(openEvent(serial: 10, name: "/etc/shadow")).first)
        #expect(sentence.sentence(for: event, place: "web (busybox)")
                == "At 11/27/26 16:34:24 alice, acting as root, successfully opened /etc/shadow using /usr/bin/cat in container web (busybox) (rule key shadow).")
    }

    @Test func saysWhenItFailed() throws {
        let event = try #require(try events(openEvent(serial: 11, name: "/etc/shadow", success: false)).first)
        #expect(sentence.sentence(for: event).contains("alice, acting as root, unsuccessfully opened /etc/shadow"))
    }

    @Test func coversLoginsSudoAndConfigChanges() throws {
        let lines = [
            "type=USER_LOGIN msg=audit(1795797264.500:20): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=\"mallory\" exe=\"/usr/sbin/sshd\" hostname=? addr=10.0.0.9 terminal=ssh res=failed'",
            "type=USER_CMD msg=audit(1795797264.501:21): pid=2 uid=1001 auid=1001 ses=3 msg='cwd=\"/home/alice\" cmd=636174202F6574632F736861646F77 exe=\"/usr/bin/sudo\" terminal=pts/1 res=success'",
            "type=CONFIG_CHANGE msg=audit(1795797264.502:22): auid=4294967295 ses=4294967295 op=add_rule key=\"docker\" list=4 res=1",
            "type=ANOM_ABEND msg=audit(1795797264.503:23): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=7 comm=\"dash\" exe=\"/usr/bin/dash\" sig=11 res=1",
            "type=BPF msg=audit(1795797264.504:24): prog-id=9 op=LOAD",
        ]
        let said = try events(lines).map { sentence.sentence(for: $0) }
        #expect(said == [
            "At 11/27/26 16:34:24 someone failed to log in as mallory from 10.0.0.9 on ssh using /usr/sbin/sshd.",
            "At 11/27/26 16:34:24 alice successfully ran the command 'cat /etc/shadow' in /home/alice using /usr/bin/sudo.",
            "At 11/27/26 16:34:24 an unknown user successfully added an audit rule keyed docker.",
            "At 11/27/26 16:34:24 root crashed with signal 11 (SIGSEGV) using /usr/bin/dash.",
            "At 11/27/26 16:34:24 a BPF event (serial 24) has no sentence form.",
        ])
    }

    /// runc's steps inside a new container, as this kernel logs them: after the pivot its
    /// program is "/", and its last execve runs the container's program.
    @Test func namesTheRuntimeSettingUpAContainer() throws {
        let merged = "/var/lib/docker/overlay2/ecbc/merged"
        let lines = [
            "type=SYSCALL msg=audit(1795797264.100:30): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=2 ppid=100 pid=101 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm=\"exe\" exe=\"/usr/sbin/runc\" key=\"exec\"",
            "type=EXECVE msg=audit(1795797264.100:30): argc=2 a0=\"runc\" a1=\"init\"",
            "type=CWD msg=audit(1795797264.100:30): cwd=\"\(merged)\"",
            "type=PATH msg=audit(1795797264.100:30): item=0 name=\"/proc/self/exe\" inode=1 dev=fe:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL",
            "type=PROCTITLE msg=audit(1795797264.100:30): proctitle=72756E6300696E6974",
            "type=SYSCALL msg=audit(1795797264.110:31): arch=c000003e syscall=308 success=yes exit=0 a0=f a1=40000000 a2=0 a3=0 items=0 ppid=100 pid=101 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm=\"runc:[1:CHILD]\" exe=\"/\" key=\"containerns\"",
            "type=PROCTITLE msg=audit(1795797264.110:31): proctitle=72756E6300696E6974",
            "type=SYSCALL msg=audit(1795797264.120:32): arch=c000003e syscall=258 success=yes exit=0 a0=ffffffffffffff9c a1=c00006bb20 a2=1ed a3=0 items=2 ppid=100 pid=101 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm=\"runc:[2:INIT]\" exe=\"/\" key=\"mkdir\"",
            "type=CWD msg=audit(1795797264.120:32): cwd=\"\(merged)\"",
            "type=PATH msg=audit(1795797264.120:32): item=0 name=\"\(merged)/dev/\" inode=1 dev=00:2c mode=040755 ouid=0 ogid=0 rdev=00:00 nametype=PARENT",
            "type=PATH msg=audit(1795797264.120:32): item=1 name=\"\(merged)/dev/pts\" inode=2 dev=00:2c mode=040755 ouid=0 ogid=0 rdev=00:00 nametype=CREATE",
            "type=PROCTITLE msg=audit(1795797264.120:32): proctitle=72756E6300696E6974",
            "type=SYSCALL msg=audit(1795797264.130:33): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=1 ppid=100 pid=101 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm=\"exe\" exe=\"/bin/busybox\" key=\"exec\"",
            "type=EXECVE msg=audit(1795797264.130:33): argc=2 a0=\"cat\" a1=\"/etc/passwd\"",
            "type=PATH msg=audit(1795797264.130:33): item=0 name=\"/proc/self/exe\" inode=1 dev=00:28 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL",
            "type=PROCTITLE msg=audit(1795797264.130:33): proctitle=72756E6300696E6974",
        ]
        let said = try events(lines).map { sentence.sentence(for: $0, place: "web") }
        #expect(said == [
            "At 11/27/26 16:34:24 runc began to set up container web (rule key exec).",
            "At 11/27/26 16:34:24 runc set up container web: called setns (rule key containerns).",
            "At 11/27/26 16:34:24 runc set up container web: created the directory \(merged)/dev/pts (rule key mkdir).",
            "At 11/27/26 16:34:24 runc started cat /etc/passwd in container web (rule key exec).",
        ])
        var overview = LogOverview(userName: { _ in nil })
        for event in try events(lines) { overview.add(event) }
        #expect(overview.programs.items == ["runc init"], "counted under the runtime, not under /")
    }

    /// A program started says its command line, and a rule with two keys names both.
    @Test func commandLinesAndRulesWithSeveralKeys() throws {
        let lines = [
            "type=SYSCALL msg=audit(1795797264.200:40): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=2 ppid=10 pid=11 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=3 comm=\"docker\" exe=\"/usr/bin/docker\" key=\"docker-client\"",
            "type=EXECVE msg=audit(1795797264.200:40): argc=6 a0=\"docker\" a1=\"run\" a2=\"-d\" a3=\"busybox\" a4=\"sleep\" a5=\"20\"",
            "type=CONFIG_CHANGE msg=audit(1795797264.201:41): auid=0 ses=3 subj=unconfined op=add_rule key=646F636B65722D636C69656E7401646F636B6175646974 list=4 res=1",
        ]
        let said = try events(lines).map { sentence.sentence(for: $0) }
        #expect(said == [
            "At 11/27/26 16:34:24 alice, acting as root, successfully ran 'docker run -d busybox sleep 20' (/usr/bin/docker) (rule key docker-client).",
            "At 11/27/26 16:34:24 root successfully added an audit rule keyed docker-client, dockaudit.",
        ])
    }
}
