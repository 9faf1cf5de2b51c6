extension RandomAccessCollection {
    /// The index of the first element that `isAfter` holds for, in a collection where it
    /// holds for a suffix (a time-ordered list asked for the first entry past a moment):
    /// a binary search, `endIndex` when it holds for none.
    package func partitioningIndex(where isAfter: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if try isAfter(self[mid]) {
                count = half
            } else {
                low = index(after: mid)
                count -= half + 1
            }
        }
        return low
    }
}
