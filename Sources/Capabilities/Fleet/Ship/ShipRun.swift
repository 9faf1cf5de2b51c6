import AuditLog
import ContainerTrace
import Foundation
import HostIO

/// `ship`: the events of log files, placed by the tracker, inserted into an `EventTable` in
/// batches. The schema is made when missing and checked when present. After each batch the
/// server acknowledged, the checkpoint moves on; while the server cannot be reached, the same
/// batch is tried again with a growing pause, for `patience` seconds at most.
public struct ShipRun: Sendable {
    public var table: EventTable
    /// Names the host when the log's lines have no `node=`.
    public var node: String?
    public var batchSize = 10_000
    public var checkpointPath: String?
    /// What the checkpoint is for: the server and table (never the credentials).
    public var target: String
    public var patience = 300.0
    public var catalog = ContainerCatalog()
    public var userName: @Sendable (UInt32) -> String? = { _ in nil }
    /// Told of each retry and of a checkpoint that does not fit.
    public var note: @Sendable (String) -> Void = { _ in }
    /// Waits between tries (tests shorten it).
    public var pause: @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }

    public init(table: EventTable, target: String) {
        self.table = table
        self.target = target
    }

    public struct Result: Sendable {
        /// Events the server acknowledged in this run, and those a checkpoint had already.
        public var shipped: Int
        public var skipped: Int
        public var diagnostics: Diagnostics
    }

    public func run(_ inputs: [any LogSource], names: [String], transport: any ClickHouseTransport) throws -> Result {
        try prepareTable(transport)
        let saved = try checkpointPath.flatMap { try ShipCheckpoint.load($0) }
        var checkpoint = ShipCheckpoint(target: target, inputs: names)
        if let saved {
            if saved.target == target && saved.inputs == names {
                checkpoint = saved
            } else {
                note("the checkpoint \(checkpointPath ?? "") is for \(saved.target) \(saved.inputs.joined(separator: " ")): shipping from the start")
            }
        }
        let state = ShipState(catalog: catalog, skip: checkpoint.acknowledged, checkpoint: checkpoint)
        let (node, userName, batchSize) = (self.node, self.userName, self.batchSize)
        var stream = EventStream()
        try stream.scan(inputs, workers: 2, makePartial: { [(AuditEvent, TrackedEvent)]() }, fill: { event, _, batch in
            batch.append((event, TrackedEvent(event)))
        }, deliver: { batch in
            for (event, tracked) in batch {
                let placement = state.catalog.add(tracked, tracker: &state.tracker)
                state.seen += 1
                if state.seen <= state.skip {
                    if state.seen == state.skip, let last = state.checkpoint.lastID, last != event.id.text {
                        throw ShipError("the checkpoint's last event \(last) is not the log's event \(state.skip) (\(event.id.text)): the log changed; remove \(checkpointPath ?? "the checkpoint") to ship it again")
                    }
                    continue
                }
                EventRow.write(event, placement: placement, catalog: state.catalog, node: node, userName: userName, into: &state.rows)
                state.pending += 1
                state.lastID = event.id.text
                if state.pending >= batchSize { try send(state, transport) }
            }
            batch.removeAll(keepingCapacity: true)
        })
        if state.pending > 0 { try send(state, transport) }
        return Result(shipped: state.shipped, skipped: min(state.skip, state.seen), diagnostics: stream.diagnostics)
    }

    /// Makes the database and table when missing; refuses a table of another shape.
    private func prepareTable(_ transport: any ClickHouseTransport) throws {
        for statement in [table.createDatabase, table.create] { _ = try execute(statement, body: nil, transport, acknowledged: 0) }
        let described = try execute(table.describe, body: nil, transport, acknowledged: 0)
        if let why = EventTable.mismatch(describe: String(decoding: described, as: UTF8.self)) {
            throw ShipError("the table \(table.database).\(table.name) has another schema: \(why)")
        }
    }

    /// Inserts the pending rows, then saves the checkpoint.
    private func send(_ state: ShipState, _ transport: any ClickHouseTransport) throws {
        _ = try execute(table.insert, body: state.rows.bytes, transport, acknowledged: state.checkpoint.acknowledged)
        state.shipped += state.pending
        state.checkpoint.acknowledged += state.pending
        state.checkpoint.lastID = state.lastID
        state.pending = 0
        state.rows.removeAll()
        if let checkpointPath { try state.checkpoint.save(checkpointPath) }
    }

    /// Runs a statement, trying again with a growing pause while the server cannot be reached
    /// (or says it is overloaded), for `patience` seconds in all.
    private func execute(_ query: String, body: [UInt8]?, _ transport: any ClickHouseTransport, acknowledged: Int) throws -> [UInt8] {
        var waited = 0.0, delay = 0.25
        while true {
            switch transport.execute(query, body: body) {
            case .success(let answer):
                return answer
            case .failure(let failure) where failure.isTransient && waited < patience:
                note("\(failure.message); trying again in \(delay) s")
                pause(delay)
                waited += delay
                delay = min(delay * 2, 10)
            case .failure(let failure):
                let gaveUp = failure.isTransient ? " (gave up after \(Int(waited)) s)" : ""
                throw ShipError("\(failure.message)\(gaveUp); \(acknowledged) events acknowledged before")
            }
        }
    }
}

/// Why a ship run stopped, for people: what the server said, and what was acknowledged.
public struct ShipError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The delivering thread's state: the tracker and catalog, the rows of the batch being
/// made, and how far the run has come (a class: the buffer cannot be copied).
private final class ShipState: @unchecked Sendable {
    var tracker = ProcessTracker()
    var catalog: ContainerCatalog
    let skip: Int
    var checkpoint: ShipCheckpoint
    var seen = 0
    var shipped = 0
    var pending = 0
    var lastID: String?
    var rows = OutputBuffer()

    init(catalog: ContainerCatalog, skip: Int, checkpoint: ShipCheckpoint) {
        self.catalog = catalog
        self.skip = skip
        self.checkpoint = checkpoint
    }
}
