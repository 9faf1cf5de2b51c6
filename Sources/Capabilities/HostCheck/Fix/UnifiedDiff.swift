/// A unified diff (`diff -u`) of two texts, line by line, with three lines of context.
package enum UnifiedDiff {
    public static func make(old: String, new: String, oldName: String, newName: String) -> String {
        let a = lines(old), b = lines(new)
        guard a != b else { return "" }
        // Longest common subsequence table, from the ends (the files are small).
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(String), removed(String), added(String) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { ops.append(.same(a[i])); i += 1; j += 1 }
            else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(.removed(a[i])); i += 1 }
            else { ops.append(.added(b[j])); j += 1 }
        }
        var out = ["--- \(oldName)", "+++ \(newName)"]
        let changed = ops.indices.filter { if case .same = ops[$0] { return false }; return true }
        var index = 0
        while index < changed.count {
            let start = max(0, changed[index] - 3)
            var end = min(ops.count, changed[index] + 4)
            while index + 1 < changed.count, changed[index + 1] - 3 <= end { index += 1; end = min(ops.count, changed[index] + 4) }
            index += 1
            var oldStart = 1, newStart = 1
            for op in ops[..<start] {
                switch op {
                case .same: oldStart += 1; newStart += 1
                case .removed: oldStart += 1
                case .added: newStart += 1
                }
            }
            var body: [String] = []
            var oldCount = 0, newCount = 0
            for op in ops[start..<end] {
                switch op {
                case .same(let line): body.append(" " + line); oldCount += 1; newCount += 1
                case .removed(let line): body.append("-" + line); oldCount += 1
                case .added(let line): body.append("+" + line); newCount += 1
                }
            }
            out.append("@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@")
            out += body
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
