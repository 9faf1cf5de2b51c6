import HeapModule

/// ausearch's grouping of records into events, over any record representation.
///
/// A record joins the event still being built that has its key; otherwise it opens a
/// new one (so a LOGIN record and the SYSCALL record with its id make two events, as in
/// ausearch 3.0.9). When a new event opens, every event being built whose time is
/// `timeout` or more seconds older is finished, and an event whose first record's type
/// ends events (`MessageType.endsEvent`) is finished at once. Finished events leave in
/// time order: the oldest pending event goes out as soon as it is finished, and holds
/// younger ones back until it is; ties go to the event opened in the lowest free slot,
/// as in ausearch's array. `finish` ends the input.
///
/// Records live in one pool with free lists, so adding a record allocates nothing in
/// the steady state. `maximumPending` bounds memory on any input: past it, the oldest
/// pending event is finished early.
struct Coalescer<Record: Groupable> {
    var maximumPending = 200_000
    var timeout: Int64 = 2

    private struct Pending {
        var key: EventKey
        var head: Int32
        var tail: Int32
        var finished: Bool
    }

    private struct ByTime: Comparable {
        var key: EventKey
        var slot: Int32
        static func < (a: ByTime, b: ByTime) -> Bool {
            if a.key.precedes(b.key) { return true }
            if b.key.precedes(a.key) { return false }
            return a.slot < b.slot
        }
        static func == (a: ByTime, b: ByTime) -> Bool { a.slot == b.slot && a.key == b.key }
    }

    private struct ByOpening: Comparable {
        var seconds: Int64
        var slot: Int32
        var key: EventKey
        static func < (a: ByOpening, b: ByOpening) -> Bool { (a.seconds, a.slot) < (b.seconds, b.slot) }
        static func == (a: ByOpening, b: ByOpening) -> Bool { a.slot == b.slot && a.key == b.key }
    }

    private var records: [Record?] = []
    private var next: [Int32] = []
    private var freeRecords: [Int32] = []
    private var slots: [Pending?] = []
    private var freeSlots = Heap<Int32>()
    private var building: [EventKey: Int32] = [:]
    private var byTime = Heap<ByTime>()
    private var byOpening = Heap<ByOpening>()
    private var pendingCount = 0
    private var scratch: [Record] = []

    var isEmpty: Bool { pendingCount == 0 }

    /// Adds a record; calls `emit` with each event that became ready, oldest first.
    /// The array passed to `emit` is only valid during the call.
    mutating func add(_ record: Record, emit: (EventKey, [Record]) throws -> Void) rethrows {
        let key = record.groupKey
        let index = store(record)
        if let slot = building[key] {
            let tail = slots[Int(slot)]!.tail
            next[Int(tail)] = index
            slots[Int(slot)]!.tail = index
            return
        }
        let slot = openSlot(Pending(key: key, head: index, tail: index, finished: false))
        byTime.insert(ByTime(key: key, slot: slot))
        pendingCount += 1
        if MessageType(number: record.typeNumber).endsEvent {
            slots[Int(slot)]!.finished = true
        } else {
            building[key] = slot
            byOpening.insert(ByOpening(seconds: key.seconds, slot: slot, key: key))
        }
        let now = key.seconds
        while let oldest = byOpening.min, oldest.seconds + timeout <= now {
            byOpening.removeMin()
            if building[oldest.key] == oldest.slot { finish(slot: oldest.slot) }
        }
        if pendingCount > maximumPending, let oldest = byTime.min { finish(slot: oldest.slot) }
        try drain(emit)
    }

    /// Finishes the oldest pending event early (used to bound memory); returns false when none is pending.
    mutating func finishOldest(emit: (EventKey, [Record]) throws -> Void) rethrows -> Bool {
        guard let oldest = byTime.min else { return false }
        finish(slot: oldest.slot)
        try drain(emit)
        return true
    }

    /// Ends the input: finishes every pending event and emits them in time order.
    mutating func finish(emit: (EventKey, [Record]) throws -> Void) rethrows {
        for (_, slot) in building { slots[Int(slot)]!.finished = true }
        building.removeAll()
        byOpening = Heap()
        try drain(emit)
    }

    private mutating func finish(slot: Int32) {
        guard let pending = slots[Int(slot)], !pending.finished else { return }
        slots[Int(slot)]!.finished = true
        building[pending.key] = nil
    }

    private mutating func drain(_ emit: (EventKey, [Record]) throws -> Void) rethrows {
        while let oldest = byTime.min, slots[Int(oldest.slot)]!.finished {
            byTime.removeMin()
            let pending = slots[Int(oldest.slot)]!
            slots[Int(oldest.slot)] = nil
            freeSlots.insert(oldest.slot)
            pendingCount -= 1
            scratch.removeAll(keepingCapacity: true)
            var index = pending.head
            while index >= 0 {
                scratch.append(records[Int(index)]!)
                records[Int(index)] = nil
                freeRecords.append(index)
                index = next[Int(index)]
            }
            try emit(pending.key, scratch)
        }
    }

    private mutating func store(_ record: Record) -> Int32 {
        if let free = freeRecords.popLast() {
            records[Int(free)] = record
            next[Int(free)] = -1
            return free
        }
        records.append(record)
        next.append(-1)
        return Int32(records.count - 1)
    }

    private mutating func openSlot(_ pending: Pending) -> Int32 {
        if let free = freeSlots.popMin() {
            slots[Int(free)] = pending
            return free
        }
        slots.append(pending)
        return Int32(slots.count - 1)
    }
}
