/// A hash map from `EventKey` to a slot number: open addressing with linear probing and
/// backward-shift deletion, and a multiplicative hash, since the standard Dictionary's
/// SipHash costs more than the rest of grouping a line.
struct KeyTable {
    private var keys: [EventKey]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: EventKey(seconds: 0, milliseconds: 0, serial: 0, node: 0), count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func home(_ key: EventKey) -> Int {
        let mixed = (UInt64(bitPattern: key.milliseconds) &* 0x9E37_79B9_7F4A_7C15)
            ^ (key.serial &* 0xC2B2_AE3D_27D4_EB4F) ^ key.node
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)) & UInt64(mask))
    }

    subscript(key: EventKey) -> Int32? {
        get {
            var i = home(key)
            while values[i] >= 0 {
                if keys[i] == key { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            if let newValue { insert(key, newValue) } else { remove(key) }
        }
    }

    private mutating func insert(_ key: EventKey, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = home(key)
        while values[i] >= 0 {
            if keys[i] == key { values[i] = value; return }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
    }

    private mutating func remove(_ key: EventKey) {
        var i = home(key)
        while values[i] >= 0 {
            if keys[i] == key { break }
            i = (i + 1) & mask
        }
        guard values[i] >= 0 else { return }
        values[i] = -1
        count -= 1
        var j = (i + 1) & mask
        while values[j] >= 0 {   // shift back the entries whose probe passed the hole
            let want = home(keys[j])
            let gap = (j - want) & mask
            let hole = (j - i) & mask
            if gap >= hole {
                keys[i] = keys[j]
                values[i] = values[j]
                values[j] = -1
                i = j
            }
            j = (j + 1) & mask
        }
    }

    mutating func removeAll() {
        for i in values.indices { values[i] = -1 }
        count = 0
    }

    /// Every stored value.
    var allValues: [Int32] { values.filter { $0 >= 0 } }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: oldKeys[0], count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldValues.count * 2)
        mask = keys.count - 1
        count = 0
        for i in oldValues.indices where oldValues[i] >= 0 { insert(oldKeys[i], oldValues[i]) }
    }
}
