import HeapModule

/// Groups records into events the way ausearch does, and hands out finished events
/// in time order.
///
/// A record joins the event still being built that has its `EventID`; otherwise it opens
/// a new one (so a LOGIN record and the SYSCALL record with its id make two events, as in
/// ausearch). When a new event opens, every
/// event being built whose time is `timeout` or more seconds older is finished, and an
/// event whose first record ends events (`MessageType.endsEvent`) is finished at once.
/// Finished events leave in time order: the oldest pending event goes out as soon as
/// it is finished, and holds back younger ones until it is. `finish()` ends the input.
///
/// The pending set is bounded by `maximumPending`: past it, the oldest events are
/// finished early, so memory stays bounded on any input.
public struct EventAssembler {
    /// How many events may be pending before the oldest is forced out.
    public var maximumPending = 200_000
    /// auditd.conf's `end_of_event_timeout`, which ausearch also uses.
    public var timeout: Int64 = 2

    private struct Slot {
        var event: AuditEvent
        var finished: Bool
    }

    private struct Entry: Comparable {
        var id: EventID
        var slot: Int
        static func < (a: Entry, b: Entry) -> Bool { a.id < b.id || (a.id == b.id && a.slot < b.slot) }
        static func == (a: Entry, b: Entry) -> Bool { a.slot == b.slot }
    }

    private struct Opening: Comparable {
        var seconds: Int64
        var slot: Int
        var id: EventID
        static func < (a: Opening, b: Opening) -> Bool { (a.seconds, a.slot) < (b.seconds, b.slot) }
    }

    private var slots: [Slot?] = []
    private var freeSlots = Heap<Int>()   // lowest first, like ausearch's first empty slot
    private var building: [EventID: Int] = [:]
    private var byTime = Heap<Entry>()
    private var byOpening = Heap<Opening>()
    private var pendingCount = 0

    public init() {}

    /// Adds a record; calls `emit` for each event that became ready, oldest first.
    public mutating func add(_ record: AuditRecord, emit: (AuditEvent) throws -> Void) rethrows {
        if let slot = building[record.id] {
            slots[slot]!.event.append(record)
            return
        }
        let slot = allocate(Slot(event: AuditEvent(id: record.id, records: [record]), finished: false))
        byTime.insert(Entry(id: record.id, slot: slot))
        pendingCount += 1
        if record.type.endsEvent {
            slots[slot]!.finished = true
        } else {
            building[record.id] = slot
            byOpening.insert(Opening(seconds: record.id.seconds, slot: slot, id: record.id))
        }
        while let oldest = byOpening.min, oldest.seconds + timeout <= record.id.seconds {
            byOpening.removeMin()
            if building[oldest.id] == oldest.slot { finishSlot(oldest.slot) }
        }
        if pendingCount > maximumPending, let oldest = byTime.min { finishSlot(oldest.slot) }
        try drain(emit)
    }

    /// Ends the input: finishes every pending event and emits them in time order.
    public mutating func finish(emit: (AuditEvent) throws -> Void) rethrows {
        for (_, slot) in building { slots[slot]!.finished = true }
        building.removeAll()
        byOpening = Heap()
        try drain(emit)
    }

    private mutating func finishSlot(_ slot: Int) {
        guard let current = slots[slot], !current.finished else { return }
        slots[slot]!.finished = true
        building[current.event.id] = nil
    }

    private mutating func drain(_ emit: (AuditEvent) throws -> Void) rethrows {
        while let oldest = byTime.min, slots[oldest.slot]!.finished {
            byTime.removeMin()
            let event = slots[oldest.slot]!.event
            slots[oldest.slot] = nil
            freeSlots.insert(oldest.slot)
            pendingCount -= 1
            try emit(event)
        }
    }

    private mutating func allocate(_ slot: Slot) -> Int {
        if let free = freeSlots.popMin() {
            slots[free] = slot
            return free
        }
        slots.append(slot)
        return slots.count - 1
    }
}
