import AuditLog
import Testing

@Suite struct OptionValuesTests {
    @Test func recordTypesByNameOrNumberAndAll() throws {
        #expect(try OptionValues.recordTypes("SYSCALL,PATH,1112") == [1300, 1302, 1112])
        #expect(try OptionValues.recordTypes("UNKNOWN[1999]") == [1999])
        #expect(try OptionValues.recordTypes("ALL") == nil)
        #expect(throws: OptionValues.Problem("-m: unknown record type 'SYSCAL'")) { try OptionValues.recordTypes("SYSCALL,SYSCAL") }
    }

    @Test func syscallsByNumberOrAKnownName() throws {
        #expect(try OptionValues.syscall("59") == .number(59))
        #expect(try OptionValues.syscall("openat") == .name("openat"))
        #expect(try OptionValues.syscall("socketcall") == .name("socketcall"))   // i386 only
        #expect(throws: OptionValues.Problem("-sc: unknown syscall 'opn'")) { try OptionValues.syscall("opn") }
    }

    @Test func exitCodesAndErrnoNames() throws {
        #expect(try OptionValues.exit("-13") == -13)
        #expect(try OptionValues.exit("ENOENT") == -2)
        #expect(throws: OptionValues.Problem("-e: 'NOPE' is neither a number nor an errno name")) { try OptionValues.exit("NOPE") }
    }

    @Test func usersAndGroupsByIdOrName() throws {
        let lookup: (String) -> UInt32? = { $0 == "alice" ? 1001 : nil }
        #expect(try OptionValues.user("alice", option: "-ua", lookup: lookup) == 1001)
        #expect(try OptionValues.user("unset", option: "-ul", lookup: lookup) == 4_294_967_295)
        #expect(try OptionValues.user("-1", option: "-ul", lookup: lookup) == 4_294_967_295)
        #expect(try OptionValues.user("0", option: "-ui", lookup: lookup) == 0)
        #expect(throws: OptionValues.Problem("-ui: unknown user 'bob'")) { try OptionValues.user("bob", option: "-ui", lookup: lookup) }
        #expect(try OptionValues.group("42", option: "-gi", lookup: lookup) == 42)
        #expect(throws: OptionValues.Problem("-ge: unknown group 'docker'")) { try OptionValues.group("docker", option: "-ge", lookup: { _ in nil }) }
    }

    @Test func successIsYesOrNo() throws {
        #expect(try OptionValues.success("yes"))
        #expect(try !OptionValues.success("no"))
        #expect(throws: OptionValues.Problem("-sv takes yes or no, not 'true'")) { try OptionValues.success("true") }
    }
}
