import AuditLog
import AuditReport
import Testing
import TestSupport

/// `report people` on the records sshd, sudo and cron write on Debian 12 (pam_loginuid).
@Suite struct PeopleReportTests {
    static let names: @Sendable (UInt32) -> String? = { [0: "root", 1000: "alice"][$0] }

    /// `ssh host command` (no terminal: sshd writes USER_START but no USER_LOGIN), an
    /// interactive ssh login (both), sudo inside it, and a cron job of root's.
    static let lines = [
        #"type=USER_START msg=audit(1795778400.100:201): pid=5000 uid=0 auid=1000 ses=7 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_unix acct="alice" exe="/usr/sbin/sshd" hostname=10.0.0.5 addr=10.0.0.5 terminal=ssh res=success'"#,
        #"type=USER_START msg=audit(1795778500.100:301): pid=5100 uid=0 auid=1000 ses=8 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_unix acct="alice" exe="/usr/sbin/sshd" hostname=10.0.0.6 addr=10.0.0.6 terminal=ssh res=success'"#,
        #"type=USER_LOGIN msg=audit(1795778500.200:305): pid=5100 uid=0 auid=1000 ses=8 subj=unconfined msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=? addr=10.0.0.6 terminal=/dev/pts/1 res=success'"#,
        #"type=USER_CMD msg=audit(1795778510.000:310): pid=5200 uid=1000 auid=1000 ses=8 subj=unconfined msg='cwd="/home/alice" cmd=6964 exe="/usr/bin/sudo" terminal=pts/1 res=success'"#,
        #"type=USER_START msg=audit(1795778510.100:311): pid=5200 uid=0 auid=1000 ses=8 subj=unconfined msg='op=PAM:session_open grantors=pam_limits,pam_unix acct="root" exe="/usr/bin/sudo" hostname=? addr=? terminal=/dev/pts/1 res=success'"#,
        #"type=USER_START msg=audit(1795778600.000:401): pid=6000 uid=0 auid=0 ses=9 subj=unconfined msg='op=PAM:session_open grantors=pam_loginuid,pam_unix acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success'"#,
    ]

    @Test func loginsAreSessionsOpenedThroughSshdOrLoginCountedOnce() throws {
        var report = PeopleReport()
        for event in events(Self.lines) { report.add(event) }
        let text = report.text(userName: Self.names)
        #expect(text.contains("alice (auid 1000): 5 events in 2 sessions"), "\(text)")
        #expect(text.contains("  logins: 2, failed 0, from 10.0.0.5 (1), 10.0.0.6 (1)"), "\(text)")
        #expect(text.contains("  sudo: id (1)"))
        // cron's session is root's, but not a login.
        #expect(text.contains("root (auid 0): 1 event in 1 session\n") || text.contains("root (auid 0): 1 event in 1 session,"), "\(text)")
        #expect(text.contains("  logins: 0, failed 0\n"))
    }

    @Test func saysSingularsAndMissingSessions() throws {
        var report = PeopleReport()
        let unsetSession = #"type=USER_CMD msg=audit(1795778510.000:310): pid=5200 uid=1000 auid=1000 ses=4294967295 subj=unconfined msg='cwd="/" cmd=6964 exe="/usr/bin/sudo" terminal=? res=success'"#
        for event in events([unsetSession]) { report.add(event) }
        let text = report.text(userName: Self.names)
        #expect(text.contains("alice (auid 1000): 1 event, no login session"), "\(text)")
        #expect(!text.contains("1 events") && !text.contains("0 sessions"))
    }
}
