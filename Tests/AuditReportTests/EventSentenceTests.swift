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
}
