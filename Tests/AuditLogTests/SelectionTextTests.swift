import AuditLog
import Testing

/// ausearch's option strings read into criteria against a made-up machine.
@Suite struct SelectionTextTests {
    let machine = SelectionText.Machine(userID: { ["alice": 1001][$0] }, groupID: { ["docker": 999][$0] },
                                        now: 1_795_797_264, bootTime: { 1_795_790_000 })

    @Test func readsEveryOptionAsAusearchDoes() throws {
        var text = SelectionText()
        (text.key, text.anyUser, text.auid, text.gid) = ("docker", "alice", "unset", "docker")
        (text.messageTypes, text.syscall, text.exit) = ("SYSCALL,PATH", "openat", "ENOENT")
        (text.pid, text.nodes, text.exactMatch) = (42, ["web1"], true)
        text.start = ["boot"]
        text.end = ["recent"]
        let criteria = try text.criteria(on: machine)
        #expect(criteria.key == "docker" && criteria.anyUser == 1001 && criteria.auid == 4_294_967_295 && criteria.gid == 999)
        #expect(criteria.messageTypes == [1300, 1302])
        #expect(criteria.syscallName == "openat" && criteria.syscall == nil)
        #expect(criteria.exit == -2)
        #expect(criteria.pid == 42 && criteria.nodes == ["web1"] && criteria.exactMatch)
        #expect(criteria.start == 1_795_790_000)
        #expect(criteria.end == Int64(1_795_796_664))
    }

    @Test func aSyscallNumberStaysANumber() throws {
        var text = SelectionText()
        text.syscall = "257"
        #expect(try text.criteria(on: machine).syscall == 257)
    }

    @Test func namesTheOptionItCannotRead() {
        var text = SelectionText()
        text.uid = "mallory"
        #expect(throws: OptionValues.Problem("-ui: unknown user 'mallory'")) { try text.criteria(on: machine) }
        text = SelectionText()
        text.egid = "nogroup"
        #expect(throws: OptionValues.Problem("-ge: unknown group 'nogroup'")) { try text.criteria(on: machine) }
        text = SelectionText()
        text.messageTypes = "SYSCAL"
        #expect(throws: OptionValues.Problem("-m: unknown record type 'SYSCAL'")) { try text.criteria(on: machine) }
        text = SelectionText()
        text.exit = "ENOPE"
        #expect(throws: OptionValues.Problem("-e: 'ENOPE' is neither a number nor an errno name")) { try text.criteria(on: machine) }
    }
}
