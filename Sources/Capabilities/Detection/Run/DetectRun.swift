import AuditLog
import AuditReport
import Foundation
import ContainerTrace

/// `detect` as one call: the log read once, each event placed by the tracker and looked at
/// by the enabled detections, alerts written as they are raised, in the log's order.
public struct DetectRun {
    /// Text and JSON lines are written as alerts are raised; SARIF, one document, at the end.
    public enum Format: String, Sendable { case text, json, sarif }

    /// Which events are looked at (every event is still placed: a container's launch may be outside them).
    public var criteria: SearchCriteria
    public var format: Format
    public var detector: Detector
    /// Filled as the log is read, with what the host knows of names (`ContainerScan.catalog()`).
    public var catalog: ContainerCatalog
    public var userName: @Sendable (UInt32) -> String? = { _ in nil }
    /// Events of dockaudit's own processes (its auditctl loading rules) are left out unless this is true.
    public var includeOwn = false
    public var onProgress: ((Int) -> Void)?
    /// Alerts accepted for now: counted in the result, not written.
    public var allowlist = Allowlist()
    /// The moment the allowlist's expiry dates are compared with.
    public var now = Date()

    public init(criteria: SearchCriteria = SearchCriteria(), format: Format = .text, detector: Detector = Detector(),
                catalog: ContainerCatalog = ContainerCatalog()) {
        self.criteria = criteria
        self.format = format
        self.detector = detector
        self.catalog = catalog
    }

    /// What a run raised, by severity, and what the stream skipped.
    public struct Result: Sendable {
        public var counts: [Severity: Int]
        /// Alerts the allowlist accepted, by detection id.
        public var suppressed: [String: Int]
        public var diagnostics: Diagnostics
        public var own: OwnProcesses

        /// How many alerts were at `severity` or above.
        public func count(atLeast severity: Severity) -> Int { counts.filter { $0.key >= severity }.values.reduce(0, +) }
    }

    /// Reads `inputs`; hands each batch of alert lines to `write`, in order, from one thread at a time.
    public func run(_ inputs: [any LogSource], write: @escaping @Sendable (String) throws -> Void) throws -> Result {
        let state = DetectState(catalog: catalog, detector: detector)
        let (criteria, format, userName, includeOwn) = (self.criteria, self.format, self.userName, self.includeOwn)
        let sigma = detector.sigma.isEmpty ? nil : SigmaIndex(detector.sigma)
        let (allowlist, now) = (self.allowlist, self.now)
        @Sendable func accepted(_ alert: Alert, key: String?) -> Bool {
            guard allowlist.entry(accepting: alert, key: key, user: alert.auid.flatMap(userName), at: now) != nil else { return false }
            state.suppressed[alert.detection.id, default: 0] += 1
            return true
        }
        var stream = EventStream()
        stream.onProgress = onProgress
        try stream.scan(inputs, workers: 2, makePartial: { [(EventClues, Bool)]() }, fill: { event, _, batch in
            let selected = criteria.matchesInTime(event)
            batch.append((selected ? EventClues(event, sigma: sigma) : EventClues(event), selected))
        }, deliver: { batch in
            var text = ""
            for (clues, selected) in batch {
                let placement = state.catalog.add(clues.tracked, tracker: &state.tracker)
                let own = state.own.isOwn(clues.process)
                guard selected, !own || includeOwn else { continue }
                for alert in state.detector.inspect(clues, placement: placement, catalog: state.catalog) where !accepted(alert, key: clues.key) {
                    state.counts[alert.detection.severity, default: 0] += 1
                    switch format {
                    case .text: text += alert.text(userName: userName) + "\n"
                    case .json: text += alert.json(userName: userName) + "\n"
                    case .sarif: state.raised.append(alert)
                    }
                }
            }
            batch.removeAll(keepingCapacity: true)
            if !text.isEmpty { try write(text) }
        })
        let left = state.detector.finish().filter { !accepted($0, key: nil) }
        for alert in left { state.counts[alert.detection.severity, default: 0] += 1 }
        switch format {
        case .text: try write(left.map { $0.text(userName: userName) + "\n" }.joined())
        case .json: try write(left.map { $0.json(userName: userName) + "\n" }.joined())
        case .sarif:
            let detections = BuiltInDetections.all.filter { detector.enabled.contains($0.id) } + detector.sigma.map(\.detection)
            try write(AlertSARIF.document(state.raised + left, detections: detections, userName: userName))
        }
        return Result(counts: state.counts, suppressed: state.suppressed, diagnostics: stream.diagnostics, own: state.own)
    }
}

/// The delivering thread's state (only it touches it).
private final class DetectState: @unchecked Sendable {
    var tracker = ProcessTracker()
    var catalog: ContainerCatalog
    var detector: Detector
    var own = OwnProcesses()
    var counts: [Severity: Int] = [:]
    var suppressed: [String: Int] = [:]
    /// The alerts kept for a document written at the end (SARIF).
    var raised: [Alert] = []

    init(catalog: ContainerCatalog, detector: Detector) {
        self.catalog = catalog
        self.detector = detector
    }
}
