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
    /// The log's containers (from a first pass, `ContainerScan`): needed for `places`, and
    /// adds the container to JSON events and sentences.
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
        let place = try placeFilter()
        var containerName: (@Sendable (AuditEvent) -> String?)?
        if let catalog {
            containerName = { event in
                ProcessHistory.sighting(in: event, arguments: false).flatMap { catalog.attributor.container(of: $0) }.map { catalog.label(for: $0) }
            }
        }
        var output = self.output
        if case .events(var writer) = output, let catalog {
            let userName = self.userName
            writer.extraJSONMembers = { event, json in catalog.writeJSONMembers(for: event, userName: userName, into: &json) }
            output = .events(writer)
        }
        let (criteria, chosen, nameContainer) = (self.criteria, output, containerName)
        var stream = EventStream()
        stream.onProgress = onProgress
        stream.needle = criteria.needle
        stream.timeRange = criteria.timeRange
        if case .sentences(let sentence) = chosen, !includeOwn {
            // Own processes are known by their parents, seen earlier: the workers write the
            // sentences and take each event's process apart, the delivery decides in order.
            let own = OwnTally()
            try stream.scan(inputs, workers: 2, makePartial: { [ToldEvent]() }, fill: { event, proven, told in
                let matches = criteria.matches(event, needleProven: proven) && (place?(event) ?? true)
                told.append(ToldEvent(process: OwnProcesses.process(of: event),
                                      sentence: matches ? sentence.sentence(for: event, place: nameContainer?(event)) : nil))
            }, deliver: { told in
                for event in told where !own.processes.isOwn(event.process) {
                    guard let text = event.sentence else { continue }
                    own.out.append(Escaping.terminal(text))
                    own.out.append("\n")
                    own.matched += 1
                }
                told.removeAll(keepingCapacity: true)
                if own.out.count > 0 { try write(&own.out) }
                own.out.removeAll()
            })
            return Result(matched: own.matched, diagnostics: stream.diagnostics, own: own.processes)
        }
        let matched = try stream.scan(inputs, workers: 2, handle: { event, proven, out in
            guard criteria.matches(event, needleProven: proven), place?(event) ?? true else { return 0 }
            switch chosen {
            case .sentences(let sentence):
                out.append(Escaping.terminal(sentence.sentence(for: event, place: nameContainer?(event))))
                out.append("\n")
            case .events(let writer):
                writer.write(event, into: &out)
            }
            return 1
        }, output: write)
        return Result(matched: matched, diagnostics: stream.diagnostics, own: OwnProcesses())
    }

    private func placeFilter() throws -> (@Sendable (AuditEvent) -> Bool)? {
        guard !places.isEmpty, let catalog else { return nil }
        var wanted: Set<String> = []
        for reference in places.containers {
            guard let info = catalog.find(reference) else { throw UnknownContainer(reference: reference) }
            wanted.insert(info.id)
        }
        let (inside, host, chosen) = (places.inContainer, places.onHost, wanted)
        return { event in
            let id = ProcessHistory.sighting(in: event, arguments: false).flatMap { catalog.attributor.container(of: $0) }
            if host { return id == nil }
            if inside && id == nil { return false }
            return chosen.isEmpty || id.map(chosen.contains) == true
        }
    }
}

/// An event as the sentence workers leave it: its process, and its sentence when it matched.
private struct ToldEvent {
    let process: OwnProcesses.Process?
    let sentence: String?
}

/// dockaudit's own processes, the sentences written and the buffer they are written
/// through (allocated once); touched only by the delivering thread.
private final class OwnTally: @unchecked Sendable {
    var processes = OwnProcesses()
    var matched = 0
    var out = OutputBuffer()
}

