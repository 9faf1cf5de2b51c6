import Testing
import AuditLog

@Suite struct SelectionTests {
    let event = EventStream.events(in: """
    type=SYSCALL msg=audit(100.000:1): arch=c000003e syscall=82 success=yes exit=0 ppid=5 pid=6 auid=1001 uid=0 gid=0 euid=0 ses=3 comm="mv" exe="/usr/bin/mv" key="docker-files"
    type=CWD msg=audit(100.000:1): cwd="/tmp"
    type=PATH msg=audit(100.000:1): item=0 name=2F746D702F776974682073706163 nametype=DELETE
    type=PROCTITLE msg=audit(100.000:1): proctitle=6D76
    """)[0]

    @Test func keysMatchAsSubstringsUnlessExact() {
        var c = SearchCriteria()
        c.key = "docker"
        #expect(c.matches(event))
        c.exactMatch = true
        #expect(!c.matches(event))
        c.key = "docker-files"
        #expect(c.matches(event))
    }

    @Test func usersMatchAnyOfUidEuidAuid() {
        var c = SearchCriteria()
        c.anyUser = 1001
        #expect(c.matches(event))
        c.anyUser = 1002
        #expect(!c.matches(event))
        c = SearchCriteria()
        c.auid = 1001
        c.uid = 0
        #expect(c.matches(event))
    }

    @Test func syscallByNameUsesTheEventsArch() {
        var c = SearchCriteria()
        c.syscallName = "rename"
        #expect(c.matches(event))
        c.syscallName = "unlink"
        #expect(!c.matches(event))
    }

    @Test func filesMatchDecodedNamesAndTheCwd() {
        var c = SearchCriteria()
        c.file = "with spac"
        #expect(c.matches(event))
        c.file = "/tmp"
        #expect(c.matches(event))
        c.file = "/etc"
        #expect(!c.matches(event))
    }

    @Test func everyCriterionMustHold() {
        var c = SearchCriteria()
        c.key = "docker"
        c.success = false
        #expect(!c.matches(event))
        c.success = true
        c.messageTypes = [1302]
        c.session = 3
        c.pid = 6
        c.ppid = 5
        #expect(c.matches(event))
        c.eventSerial = 2
        #expect(!c.matches(event))
    }

    @Test func timeRangeIsInclusive() {
        var c = SearchCriteria()
        c.start = 100
        c.end = 100
        #expect(c.timeRange == 100...100)
        c.start = 101
        #expect(c.timeRange?.contains(100) == false)
        #expect(c.timeRange?.contains(101) == false)
        #expect(SearchCriteria().timeRange == nil)
    }

    /// Searches that read no file names skip the records after the SYSCALL, except a
    /// socket's address, which is where a connect's host is.
    @Test func aSocketsHostIsFoundWhenNoFileIsAskedFor() {
        let connect = EventStream.events(in: """
        type=SYSCALL msg=audit(100.000:2): arch=c000003e syscall=42 success=yes exit=0 ppid=5 pid=7 auid=1001 uid=0 comm="curl" exe="/usr/bin/curl" key=(null)
        type=SOCKADDR msg=audit(100.000:2): saddr=02000050C0A80001
        type=PROCTITLE msg=audit(100.000:2): proctitle=6375726C
        """)[0]
        var c = SearchCriteria()
        c.hostname = "192.168.0.1"
        #expect(c.matches(connect))
        c.hostname = "10.0.0.1"
        #expect(!c.matches(connect))
        let facts = EventFacts(connect, wanted: [.ids, .names])
        #expect(facts.hostname == "192.168.0.1" && facts.files.isEmpty && facts.pid == 7)
    }
}
