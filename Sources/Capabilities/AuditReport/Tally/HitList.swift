/// Distinct items in the order first seen, each with how often it was seen: aureport's
/// tally for its `--summary` reports.
public struct HitList<Item: Hashable & Sendable>: Sendable {
    public private(set) var items: [Item] = []
    public private(set) var hits: [Int] = []
    private var index: [Item: Int] = [:]

    public init() {}

    public var count: Int { items.count }

    public mutating func add(_ item: Item, hits seen: Int = 1) {
        if let i = index[item] {
            hits[i] += seen
        } else {
            index[item] = items.count
            items.append(item)
            hits.append(seen)
        }
    }

    /// Adds the hits of a list seen after this one; its new items follow in its order.
    package mutating func merge(_ later: HitList) {
        for (item, seen) in zip(later.items, later.hits) { add(item, hits: seen) }
    }

    /// Items with their counts, most seen first; equal counts in the order first seen
    /// (aureport 3.0.9's order for names: measured against it).
    package func sortedByHits() -> [(item: Item, hits: Int)] {
        Self.ordered(items.indices.map { $0 }, items: items, hits: hits)
    }

    static func ordered(_ order: [Int], items: [Item], hits: [Int]) -> [(item: Item, hits: Int)] {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return order.sorted { hits[$0] != hits[$1] ? hits[$0] > hits[$1] : rank[$0]! < rank[$1]! }
            .map { (items[$0], hits[$0]) }
    }
}

extension HitList where Item: Comparable {
    /// Most seen first; equal counts in ascending order of the item (aureport keeps its
    /// number lists, pids, syscalls and record types, sorted by number).
    package func sortedByHitsFromAscending() -> [(item: Item, hits: Int)] {
        Self.ordered(items.indices.sorted { items[$0] < items[$1] }, items: items, hits: hits)
    }
}
