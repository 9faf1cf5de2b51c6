import AuditLog
import AuditReport
import ContainerTrace
import Detection
import Foundation

/// `--detect` on a live stream: every event, as it is placed, goes through the detections
/// (built in, and Sigma rules when given), and their alerts go out beside the events, in
/// `detect`'s JSON lines (a line with a `rule` member) or its sentences. Alerts the
/// allowlist accepts (its dates compared with the clock as each alert is raised: a plugin
/// runs for months) are counted, not written.
public final class LiveDetection {
    private var detector: Detector
    private let sigma: SigmaIndex?
    private let json: Bool
    private let userName: @Sendable (UInt32) -> String?
    public var allowlist = Allowlist()
    public var now: () -> Date = { Date() }
    public private(set) var alerts = 0
    /// Alerts the allowlist accepted, by detection id.
    public private(set) var accepted: [String: Int] = [:]
    public var acceptedCount: Int { accepted.values.reduce(0, +) }

    public init(detector: Detector, json: Bool, userName: @escaping @Sendable (UInt32) -> String?) {
        self.detector = detector
        sigma = detector.sigma.isEmpty ? nil : SigmaIndex(detector.sigma)
        self.json = json
        self.userName = userName
    }

    /// Places and writes `event` through `live`, then writes the alerts it raises (none for the stream's own process).
    public func take(_ event: AuditEvent, live: LiveSearch, into out: inout OutputBuffer) {
        let clues = EventClues(event, sigma: sigma)
        let placement = live.take(event, tracked: clues.tracked, into: &out)
        guard clues.tracked.sighting?.pid != live.ownPid else { return }
        write(detector.inspect(clues, placement: placement, catalog: live.catalog), key: clues.key, into: &out)
    }

    /// The alerts only the end of the stream decides.
    public func finish(into out: inout OutputBuffer) { write(detector.finish(), key: nil, into: &out) }

    private func write(_ raised: [Alert], key: String?, into out: inout OutputBuffer) {
        for alert in raised {
            if !allowlist.entries.isEmpty,
               allowlist.entry(accepting: alert, key: key, user: alert.auid.flatMap(userName), at: now()) != nil {
                accepted[alert.detection.id, default: 0] += 1
                continue
            }
            alerts += 1
            out.append(json ? alert.json(userName: userName) : alert.text(userName: userName))
            out.append("\n")
        }
    }
}
