import Testing
import AuditReport

@Suite struct HitListTests {
    @Test func countsInFirstSeenOrder() {
        var list = HitList<String>()
        for item in ["b", "a", "b", "c", "a", "b"] { list.add(item) }
        #expect(list.items == ["b", "a", "c"])
        #expect(list.hits == [3, 2, 1])
    }

    @Test func equalCountsKeepFirstSeenOrder() {
        var list = HitList<String>()
        for item in ["x", "y", "z", "z", "w", "w"] { list.add(item) }
        #expect(list.sortedByHits().map(\.item) == ["z", "w", "x", "y"])
    }

    @Test func numbersTieInAscendingOrder() {
        var list = HitList<Int64>()
        for item: Int64 in [1305, 1101, 1300, 1300] { list.add(item) }
        #expect(list.sortedByHitsFromAscending().map(\.item) == [1300, 1101, 1305])
    }

    @Test func sortsByHitsDescending() {
        var list = HitList<Int64>()
        for (item, times) in [(1, 1), (2, 5), (3, 3), (4, 5), (5, 1)] as [(Int64, Int)] {
            for _ in 0..<times { list.add(item) }
        }
        let sorted = list.sortedByHits()
        #expect(sorted.map(\.hits) == [5, 5, 3, 1, 1])
        #expect(Set(sorted.prefix(2).map(\.item)) == [2, 4])
    }
}
