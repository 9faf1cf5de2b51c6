import DequeModule

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
/// the steady state; the pending events are kept in time order in deques, where a log
/// in time order only ever appends. `maximumPending` bounds memory on any input: past it, the oldest
/// pending event is finished early.
///
/// auditd's plugin stream ends each event with an EOE record; with `finishesOnEOE` such a
/// record finishes the event it joins at once (files have none, so the option only
/// matters live).
struct Coalescer<Record: Groupable> {
    var maximumPending = 200_000
    var timeout: Int64 = 2
    var finishesOnEOE = false

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
    private var freeSlots = FreeSlots()
    private var building = KeyTable()
    private var byTime = Deque<ByTime>()
    private var byOpening = Deque<ByOpening>()
    private var lastKey: EventKey?
    private var lastSlot: Int32 = -1
    private var pendingCount = 0

    var isEmpty: Bool { pendingCount == 0 }

    /// Adds a record; appends the events that became ready to `finished`, oldest first.
    mutating func add(_ record: Record, into finished: inout FinishedEvents<Record>) {
        let key = record.groupKey
        let index = store(record)
        if key == lastKey, let pending = slots[Int(lastSlot)], !pending.finished, pending.key == key {
            next[Int(pending.tail)] = index
            slots[Int(lastSlot)]!.tail = index
            endIfEOE(record, slot: lastSlot, into: &finished)
            return
        }
        if let slot = building[key] {
            lastKey = key
            lastSlot = slot
            let tail = slots[Int(slot)]!.tail
            next[Int(tail)] = index
            slots[Int(slot)]!.tail = index
            endIfEOE(record, slot: slot, into: &finished)
            return
        }
        let slot = openSlot(Pending(key: key, head: index, tail: index, finished: false))
        insertInOrder(ByTime(key: key, slot: slot))
        pendingCount += 1
        let now = key.seconds
        if MessageType(number: record.typeNumber).endsEvent {
            slots[Int(slot)]!.finished = true
        } else {
            building[key] = slot
            lastKey = key
            lastSlot = slot
            var at = byOpening.count
            while at > 0 && byOpening[at - 1].seconds > now { at -= 1 }
            byOpening.insert(ByOpening(seconds: now, slot: slot, key: key), at: at)
        }
        while let oldest = byOpening.first, oldest.seconds + timeout <= now {
            byOpening.removeFirst()
            if building[oldest.key] == oldest.slot { finish(slot: oldest.slot) }
        }
        if pendingCount > maximumPending, let oldest = byTime.first { finish(slot: oldest.slot) }
        drain(into: &finished)
    }

    private mutating func endIfEOE(_ record: Record, slot: Int32, into finished: inout FinishedEvents<Record>) {
        guard finishesOnEOE, record.typeNumber == MessageType.eoe.number else { return }
        finish(slot: slot)
        drain(into: &finished)
    }

    /// Finishes the oldest pending event early (used to bound memory); returns false when none is pending.
    mutating func finishOldest(into finished: inout FinishedEvents<Record>) -> Bool {
        guard let oldest = byTime.first else { return false }
        finish(slot: oldest.slot)
        drain(into: &finished)
        return true
    }

    /// Ends the input: finishes every pending event and emits them in time order.
    mutating func finish(into finished: inout FinishedEvents<Record>) {
        for slot in building.allValues { slots[Int(slot)]!.finished = true }
        building.removeAll()
        byOpening.removeAll()
        drain(into: &finished)
    }

    private mutating func finish(slot: Int32) {
        guard let pending = slots[Int(slot)], !pending.finished else { return }
        slots[Int(slot)]!.finished = true
        building[pending.key] = nil
    }

    private mutating func drain(into finished: inout FinishedEvents<Record>) {
        while let oldest = byTime.first, slots[Int(oldest.slot)]!.finished {
            byTime.removeFirst()
            let pending = slots[Int(oldest.slot)]!
            slots[Int(oldest.slot)] = nil
            freeSlots.insert(oldest.slot)
            pendingCount -= 1
            var index = pending.head
            while index >= 0 {
                finished.records.append(records[Int(index)]!)
                records[Int(index)] = nil
                freeRecords.append(index)
                index = next[Int(index)]
            }
            finished.ends.append(finished.records.count)
        }
    }

    /// Keeps `byTime` sorted; a log in time order appends.
    private mutating func insertInOrder(_ entry: ByTime) {
        var low = 0, high = byTime.count
        if let last = byTime.last, last < entry {
            byTime.append(entry)
            return
        }
        while low < high {
            let mid = (low + high) / 2
            if byTime[mid] < entry { low = mid + 1 } else { high = mid }
        }
        byTime.insert(entry, at: low)
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

/// Events a `Coalescer` finished, in emission order, their records laid end to end so
/// that handing them out allocates nothing.
struct FinishedEvents<Record> {
    var records: [Record] = []
    var ends: [Int] = []

    var isEmpty: Bool { ends.isEmpty }

    mutating func removeAll() {
        records.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each event's records, in order.
    func forEach(_ body: (ArraySlice<Record>) throws -> Void) rethrows {
        var start = 0
        for end in ends {
            try body(records[start..<end])
            start = end
        }
    }
}
