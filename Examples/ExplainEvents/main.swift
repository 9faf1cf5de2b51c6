import AuditLog
import AuditReport

// Each event in one sentence: who did what, with which result.
let log = """
type=USER_LOGIN msg=audit(1700000000.000:7): pid=880 uid=0 auid=1000 ses=2 msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=10.0.0.5 addr=10.0.0.5 terminal=ssh res=success'
type=USER_CMD msg=audit(1700000005.000:8): pid=900 uid=1000 auid=1000 ses=2 msg='cwd="/home/alice" cmd=636174202F6574632F736861646F77 exe="/usr/bin/sudo" terminal=pts/0 res=success'
"""
let sentences = EventSentence(userName: { $0 == 1000 ? "alice" : nil })
for event in EventStream.events(in: log) { print(sentences.sentence(for: event)) }
