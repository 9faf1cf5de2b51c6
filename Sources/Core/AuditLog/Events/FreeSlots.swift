/// The free slots of the `Coalescer`, handed out lowest first (as ausearch reuses the lowest
/// free entry of its array): a bitmap, so taking and returning a slot is a word operation.
struct FreeSlots {
    private var words: [UInt64] = []
    /// No word before this one has a set bit.
    private var firstCandidate = 0

    mutating func insert(_ slot: Int32) {
        let word = Int(slot) >> 6
        while words.count <= word { words.append(0) }
        words[word] |= 1 << UInt64(slot & 63)
        if word < firstCandidate { firstCandidate = word }
    }

    /// Takes the lowest free slot, or returns nil when none is free.
    mutating func popMin() -> Int32? {
        var word = firstCandidate
        while word < words.count && words[word] == 0 { word += 1 }
        firstCandidate = word
        guard word < words.count else { return nil }
        let bit = words[word].trailingZeroBitCount
        words[word] &= words[word] - 1
        return Int32(word << 6 + bit)
    }
}
