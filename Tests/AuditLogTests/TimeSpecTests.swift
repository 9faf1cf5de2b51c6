import Testing
import AuditLog

@Suite struct TimeSpecTests {
    let now: Int64 = 1_795_778_398   // a Friday

    @Test func isoTimesWithZones() throws {
        #expect(try TimeSpec.resolve(["2026-11-27T11:19:58Z"], isEnd: false, now: now) == now)
        #expect(try TimeSpec.resolve(["2026-11-27T12:19:58+01:00"], isEnd: false, now: now) == now)
        #expect(try TimeSpec.resolve(["2026-11-27T11:19:58.500Z"], isEnd: false, now: now) == now)
    }

    @Test func keywordsRelativeToNow() throws {
        #expect(try TimeSpec.resolve(["now"], isEnd: false, now: now) == now)
        #expect(try TimeSpec.resolve(["recent"], isEnd: false, now: now) == now - 600)
        let today = try TimeSpec.resolve(["today"], isEnd: false, now: now)
        #expect(now - today < 86_400 && now >= today)
        let yesterday = try TimeSpec.resolve(["yesterday"], isEnd: false, now: now)
        #expect(yesterday < today)
        #expect(try TimeSpec.resolve(["today"], isEnd: true, now: now) == now)
        let year = try TimeSpec.resolve(["this-year"], isEnd: false, now: now)
        let month = try TimeSpec.resolve(["this-month"], isEnd: false, now: now)
        #expect(year <= month)
        #expect(try TimeSpec.resolve(["boot"], isEnd: false, now: now, bootTime: 42) == 42)
    }

    @Test func ausearchDateForms() throws {
        let midnight = try TimeSpec.resolve(["11/27/2026"], isEnd: false, now: now)
        #expect(try TimeSpec.resolve(["11/27/26"], isEnd: false, now: now) == midnight)
        #expect(try TimeSpec.resolve(["11/27/2026", "10:00:05"], isEnd: false, now: now) == midnight + 36_005)
        #expect(try TimeSpec.resolve(["11/27/2026", "10:00"], isEnd: false, now: now) == midnight + 36_000)
        #expect(try TimeSpec.resolve(["10:00:05"], isEnd: false, now: now) == midnight + 36_005)
    }

    @Test(arguments: ["13/01/2026", "yesterdays", "25:00", "2026-11-27T10:00:00+0100", "",
                      "2026-13-01", "2026-00-10", "2026-02-30", "2025-02-29", "2026-04-31", "2026-11-27T24:00",
                      "2026-11-27T10:60", "2026-11-27T10:00:61", "2026-11-27T10:00:00+25:00", "2026-11-27T1000",
                      "02/29/2025", "04/31/26", "00/10/26", "12:61", "10:00:99"])
    func rejectsNonsense(text: String) {
        #expect(throws: TimeSpecError.self) { try TimeSpec.resolve(text.isEmpty ? [] : [text], isEnd: false, now: now) }
    }

    @Test func leapDaysThatExist() throws {
        #expect(try TimeSpec.resolve(["2028-02-29"], isEnd: false, now: now) > now)
        #expect(try TimeSpec.resolve(["02/29/2000"], isEnd: false, now: now) < now)
        #expect(throws: TimeSpecError.self) { try TimeSpec.resolve(["02/29/1900"], isEnd: false, now: now) }
    }
}
