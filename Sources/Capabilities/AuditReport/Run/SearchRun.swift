import AuditLog
import ContainerTrace

/// `search` as one call: ausearch's selection over the inputs, optionally only the events
/// of some containers, each written as an event (ausearch's formats, JSON) or a sentence, in
/// the log's order. Two threads format while the log is still being read.
public struct SearchRun {
    /// How each matching event is written.
    public enum Output: Sendable {
        case events(EventWriter)
        /// One sentence a line, naming the container when a catalog is given.
        case sentences(EventSentence)
    }

    /// Which events by where their process ran; every event when all are empty/false.
    public struct Places: Sendable {
        /// Names or id prefixes; an event of any of them matches.
        public var containers: [String] = []
        public var inContainer = false
        public var onHost = false

        public init(containers: [String] = [], inContainer: Bool = false, onHost: Bool = false) {
            self.containers = containers
            self.inContainer = inContainer
            self.onHost = onHost
        }

        public var isEmpty: Bool { containers.isEmpty && !inContainer && !onHost }
    }

    /// A container named by `--container` that the log does not show.
    public struct UnknownContainer: Error, CustomStringConvertible {
        package let reference: String
        public var description: String { "no container '\(reference)' in the log" }
    }

    public var criteria: SearchCriteria
    public var output: Output
    public var places = Places()
    /// The catalog to fill as the log is read, with what the host knows of names
    /// (`ContainerScan.catalog()`): needed for `places`, and adds the container to JSON
    /// events and sentences. The log is then read once, events placed as they come.
    public var catalog: ContainerCatalog?
    public var userName: @Sendable (UInt32) -> String? = { _ in nil }
    public var onProgress: ((Int) -> Void)?
    /// Sentences leave out dockaudit's own processes unless this is true (events never do:
    /// ausearch's formats and JSON show what ausearch shows).
    public var includeOwn = false

    public init(criteria: SearchCriteria, output: Output) {
        self.criteria = criteria
        self.output = output
    }

    /// What a run found: how many events it wrote, what the stream skipped, and how many
    /// events of dockaudit's own processes the sentences left out.
    public struct Result: Sendable {
        public var matched: Int
        public var diagnostics: Diagnostics
        public var own: OwnProcesses
    }

    /// Reads `inputs`, hands each batch of written events to `write` in order.
    public func run(_ inputs: [any LogSource], write: @escaping @Sendable (inout OutputBuffer) throws -> Void) throws -> Result {
        var stream = EventStream()
        stream.onProgress = onProgress
        if case .sentences = output {
            return try placed(inputs, stream: &stream, catalog: catalog ?? ContainerCatalog(), write: write)
        }
        if let catalog { return try placed(inputs, stream: &stream, catalog: catalog, write: write) }
        let (criteria, chosen) = (self.criteria, output)
        stream.needle = criteria.needle
        stream.timeRange = criteria.timeRange
        let matched = try stream.scan(inputs, workers: 2, handle: { event, proven, out in
            guard criteria.matches(event, needleProven: proven), case .events(let writer) = chosen else { return 0 }
            writer.write(event, into: &out)
            return 1
        }, output: write)
        return Result(matched: matched, diagnostics: stream.diagnostics, own: OwnProcesses())
    }

    /// The run with containers: every event reaches the tracker (so no needle skips any, and
    /// the time range is applied to matches only: a container's launch may be older), in
    /// log order on the delivering thread. The workers take events apart and write those
    /// whose text does not depend on where they ran; the delivery places each event, keeps
    /// the matches in the chosen places, and writes the rest (sentences, JSON with the
    /// container) once their place is known.
    private func placed(_ inputs: [any LogSource], stream: inout EventStream, catalog: ContainerCatalog,
                        write: @escaping @Sendable (inout OutputBuffer) throws -> Void) throws -> Result {
        let state = PlacedTally(catalog: catalog)
        let (criteria, chosen, places, includeOwn, userName) = (self.criteria, output, self.places, self.includeOwn, self.userName)
        let writer: EventWriter? = if case .events(let events) = chosen { events } else { nil }
        let writesEarly = writer.map { $0.format != .json } ?? false
        try stream.scan(inputs, workers: 2, makePartial: { PlacedBatch() }, fill: { event, _, batch in
            let matches = criteria.matchesInTime(event)
            var item = PlacedItem(tracked: TrackedEvent(event))
            if matches {
                if writesEarly, let writer {
                    let start = batch.text.count
                    writer.write(event, into: &batch.text)
                    item.written = start..<batch.text.count
                } else {
                    item.event = event
                }
                if case .sentences = chosen, !includeOwn { item.process = OwnProcesses.process(of: event) }
            }
            batch.items.append(item)
        }, deliver: { batch in
            for item in batch.items {
                let placement = state.catalog.add(item.tracked, tracker: &state.tracker)
                guard item.written != nil || item.event != nil else { continue }
                if case .sentences = chosen, !includeOwn, state.own.isOwn(item.process) { continue }
                guard places.admit(placement?.container, in: state.catalog) else { continue }
                state.matched += 1
                if let range = item.written {
                    batch.text.withUnsafeBytes { bytes in
                        state.out.append(bytes: UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[range]))
                    }
                } else if let event = item.event {
                    chosen.writePlaced(event, placement: placement, pid: item.tracked.sighting?.pid, catalog: state.catalog,
                                       tracker: state.tracker, userName: userName, into: &state.out)
                }
            }
            batch.items.removeAll(keepingCapacity: true)
            batch.text.removeAll()
            if state.out.count > 0 { try write(&state.out) }
            state.out.removeAll()
        })
        if let reference = places.containers.first(where: { state.catalog.find($0) == nil }) {
            throw UnknownContainer(reference: reference)
        }
        return Result(matched: state.matched, diagnostics: stream.diagnostics, own: state.own)
    }
}

extension SearchRun.Output {
    /// Writes a matching event once its place is known: a sentence naming the container, or
    /// the event with its `container`, `actor` and `process` members (JSON only; the other
    /// formats do not depend on the place).
    func writePlaced(_ event: AuditEvent, placement: Placement?, pid: Int?, catalog: ContainerCatalog,
                     tracker: ProcessTracker, userName: @escaping @Sendable (UInt32) -> String?, into out: inout OutputBuffer) {
        switch self {
        case .sentences(let sentence):
            let label = placement?.container.map { catalog.label(for: $0) }
            out.append(Escaping.terminal(sentence.sentence(for: event, place: label)))
            out.append("\n")
        case .events(var writer):
            guard writer.format == .json else { return writer.write(event, into: &out) }
            let hops = pid.map { tracker.ancestry(of: $0) } ?? []
            writer.extraJSONMembers = { _, members in
                catalog.writeJSONMembers(for: placement, process: hops, userName: userName, into: &members)
            }
            writer.write(event, into: &out)
        }
    }
}

extension SearchRun.Places {
    /// Whether an event placed in `container` (nil: the host) is in the chosen places; names
    /// are what the catalog calls the container by then.
    func admit(_ container: String?, in catalog: ContainerCatalog) -> Bool {
        if onHost { return container == nil }
        guard let container else { return isEmpty }
        guard !containers.isEmpty else { return true }
        let name = catalog.container(container)?.name
        return containers.contains { $0 == name || ($0.count >= 4 && container.hasPrefix($0)) }
    }
}

/// An event as the workers leave it for the delivery: what the tracker needs, and, when it
/// matched, its text already written or the event to write once placed.
private struct PlacedItem {
    let tracked: TrackedEvent
    var written: Range<Int>?
    var event: AuditEvent?
    var process: OwnProcesses.Process?
}

/// A batch's items and the text the workers wrote for them (a class: the buffer cannot be copied).
private final class PlacedBatch {
    var items: [PlacedItem] = []
    var text = OutputBuffer()
}

/// The delivering thread's state: the tracker and catalog, dockaudit's own processes, the
/// count and the output buffer (allocated once).
private final class PlacedTally: @unchecked Sendable {
    var tracker = ProcessTracker()
    var catalog: ContainerCatalog
    var own = OwnProcesses()
    var matched = 0
    var out = OutputBuffer()

    init(catalog: ContainerCatalog) { self.catalog = catalog }
}
