import Testing
import AuditLog

/// Fixed names, so the tests do not depend on this machine's accounts.
struct FixedNames: NameResolver {
    func userName(_ uid: UInt32) -> String? { [0: "root", 1001: "alice"][uid] }
    func groupName(_ gid: UInt32) -> String? { [0: "root", 999: "docker"][gid] }
}

@Suite struct InterpreterTests {
    let interpreter = Interpreter(names: FixedNames())

    private func values(_ line: String) throws -> [String: String] {
        let record = try RecordParser.parse(line).get()
        return Dictionary(interpreter.interpret(record).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func syscallRecord() throws {
        let v = try values("type=SYSCALL msg=audit(1.000:5): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=7f a2=80000 a3=0 auid=1001 uid=0 gid=999 ses=4294967295 comm=\"cat\" exe=2F7573722F62696E2F636174 key=(null)")
        #expect(v["arch"] == "x86_64")
        #expect(v["syscall"] == "openat")
        #expect(v["exit"] == "EACCES(Permission denied)")
        #expect(v["a0"] == "AT_FDCWD")
        #expect(v["a1"] == "0x7f")
        #expect(v["a2"] == "O_RDONLY|O_CLOEXEC")
        #expect(v["a3"] == "0x0")
        #expect(v["auid"] == "alice")
        #expect(v["gid"] == "docker")
        #expect(v["ses"] == "unset")
        #expect(v["comm"] == "cat")
        #expect(v["exe"] == "/usr/bin/cat")
        #expect(v["key"] == "(null)")
    }

    @Test(arguments: [("40000003", "11", "execve"), ("c00000b7", "221", "execve"), ("c000003e", "59", "execve")])
    func syscallNamesPerArch(arch: String, number: String, name: String) throws {
        #expect(try values("type=SYSCALL msg=audit(1.000:5): arch=\(arch) syscall=\(number)")["syscall"] == name)
    }

    @Test func unknownUsersAndUnset() throws {
        let v = try values("type=USER_LOGIN msg=audit(1.000:5): uid=4242 auid=4294967295 id=-1")
        #expect(v["uid"] == "unknown(4242)")
        #expect(v["auid"] == "unset")
        #expect(v["id"] == "unset")
    }

    @Test func enrichmentWinsOverLocalNames() throws {
        let v = try values("type=SYSCALL msg=audit(1.000:5): arch=c000003e syscall=2 uid=4242\u{1D}UID=\"builder\" SYSCALL=open")
        #expect(v["uid"] == "builder")
    }

    @Test func proctitleAndPathRecords() throws {
        #expect(try values("type=PROCTITLE msg=audit(1.000:5): proctitle=636174002F6574632F736861646F77")["proctitle"] == "cat /etc/shadow")
        let p = try values("type=PATH msg=audit(1.000:5): item=0 name=\"/etc\" mode=040755 ouid=0 cap_fp=0 cap_fi=1fffffffff nametype=NORMAL")
        #expect(p["mode"] == "dir,755")
        #expect(p["ouid"] == "root")
        #expect(p["cap_fp"] == "none")
        #expect(p["cap_fi"]?.hasPrefix("chown,dac_override,") == true)
        #expect(p["nametype"] == "NORMAL")
    }

    @Test func socketAddresses() throws {
        func saddr(_ hex: String) throws -> String? { try values("type=SOCKADDR msg=audit(1.000:5): saddr=\(hex)")["saddr"] }
        #expect(try saddr("020000167F0000010000000000000000") == "{ saddr_fam=inet laddr=127.0.0.1 lport=22 }")
        #expect(try saddr("0A000016000000000000000000000000000000000000000100000000") == "{ saddr_fam=inet6 laddr=::1 lport=22 }")
        #expect(try saddr("01002F72756E2F646F636B65722E736F636B00") == "{ saddr_fam=local path=/run/docker.sock }")
        #expect(try saddr("0000") == "unknown-family(0)")
    }

    @Test func configChangeAndSignals() throws {
        let v = try values("type=CONFIG_CHANGE msg=audit(1.000:5): auid=4294967295 ses=4294967295 op=add_rule key=\"k\" list=4 res=1")
        #expect(v["list"] == "exit")
        #expect(v["res"] == "yes")
        #expect(v["key"] == "k")
        #expect(try values("type=ANOM_ABEND msg=audit(1.000:5): sig=11 res=1")["sig"] == "SIGSEGV")
        #expect(try values("type=PATH msg=audit(1.000:5): perm=wa")["perm"] == "write,attr")
    }

    @Test func unclassifiedValuesKeepTheirQuotes() throws {
        #expect(try values("type=PATH msg=audit(1.000:5): dev=\"103:05\"")["dev"] == "\"103:05\"")
    }
}
