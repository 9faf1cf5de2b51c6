import ArgumentParser
import AuditReport

/// Which events by where their process ran: `search` and `follow` alike.
struct PlaceOptions: ParsableArguments {
    @Option(name: .customLong("container"), help: "Only events from this container (name or id prefix; repeatable).")
    var containers: [String] = []
    @Flag(name: .customLong("in-container"), help: "Only events from processes in a container.")
    var inContainer = false
    @Flag(name: .customLong("on-host"), help: "Only events from processes on the host.")
    var onHost = false

    var places: SearchRun.Places { .init(containers: containers, inContainer: inContainer, onHost: onHost) }
}
