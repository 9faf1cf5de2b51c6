// swift-tools-version: 6.0
import PackageDescription

// Four tiers, one folder each under Sources/ (docs/architecture.md). A target may depend on
// its own tier's targets below it and on lower tiers only:
//   Core          bytes in, values out: records, events, interpretation, selection, formats
//   Machine       everything that touches the host besides reading the log
//   Capabilities  rules, check/fix, boot, containers, reports: pure over Core and Machine
//   Interface     the command line and the fuzz properties, which only wire the others

let package = Package(
    name: "dockaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dockaudit", targets: ["dockaudit"]),
        .library(name: "AuditLog", targets: ["AuditLog"]),
        .library(name: "HostIO", targets: ["HostIO"]),
        .library(name: "AuditRules", targets: ["AuditRules"]),
        .library(name: "HostCheck", targets: ["HostCheck"]),
        .library(name: "BootAnalysis", targets: ["BootAnalysis"]),
        .library(name: "ContainerTrace", targets: ["ContainerTrace"]),
        .library(name: "AuditReport", targets: ["AuditReport"]),
        .library(name: "Detection", targets: ["Detection"]),
        .library(name: "LiveAudit", targets: ["LiveAudit"]),
        .library(name: "Fleet", targets: ["Fleet"]),
        .library(name: "FuzzTargets", targets: ["FuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: Core
        // Bytes in, events out: parsing, grouping, interpretation, selection, output.
        .target(
            name: "AuditLog",
            dependencies: ["CGlibcExtras", .product(name: "DequeModule", package: "swift-collections")],
            path: "Sources/Core/AuditLog"
        ),
        // glibc's memmem, memrchr and mallopt, which Swift's Glibc module does not show.
        .target(name: "CGlibcExtras", path: "Sources/Core/CGlibcExtras"),

        // MARK: Machine
        // Log files and pipes as LogSources, files under a root (links resolved inside it),
        // programs, atomic writes, account names, boot time, the terminal, and the container
        // engine behind a protocol.
        .target(
            name: "HostIO",
            dependencies: ["AuditLog", "CGlibcExtras", .product(name: "DequeModule", package: "swift-collections")],
            path: "Sources/Machine/HostIO"
        ),
        // The Docker Engine API over its unix socket: HostIO's ContainerEngine, live.
        // ClickHouse over HTTP, through AsyncHTTPClient (Fleet's transport).
        .target(
            name: "ClickHouse",
            dependencies: ["HostIO", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Sources/Machine/ClickHouse"
        ),
        .target(
            name: "DockerEngine",
            dependencies: ["HostIO", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Sources/Machine/DockerEngine"
        ),

        // MARK: Capabilities
        // Audit rules: parse and lint like auditctl, merge like augenrules, generate the
        // Docker rule set, compare with the kernel, load safely.
        .target(name: "AuditRules", dependencies: ["AuditLog", "HostIO"], path: "Sources/Capabilities/AuditRules"),
        // The host's audit posture: snapshot the host (or an offline root), judge it, plan fixes.
        .target(name: "HostCheck", dependencies: ["AuditRules", "AuditLog", "HostIO"], path: "Sources/Capabilities/HostCheck"),
        // Boots: systemd-analyze's timings, each boot's audit coverage, suspicious reboots.
        .target(name: "BootAnalysis", dependencies: ["AuditLog", "HostIO"], path: "Sources/Capabilities/BootAnalysis"),
        // Containers from the log: the one-pass process tracker, launch chains, who started what.
        .target(name: "ContainerTrace", dependencies: ["AuditLog", "HostIO"], path: "Sources/Capabilities/ContainerTrace"),
        // Reports people read: aureport's reports, events in sentences, the one-file HTML report, search.
        .target(
            name: "AuditReport",
            dependencies: ["AuditLog", "ContainerTrace", "BootAnalysis", "HostCheck"],
            path: "Sources/Capabilities/AuditReport"
        ),

        // Detections over the placed events: container-aware and host-side, with the rules they need.
        .target(
            name: "Detection",
            dependencies: ["AuditLog", "AuditRules", "ContainerTrace", "AuditReport", "BootAnalysis", .product(name: "Yams", package: "Yams")],
            path: "Sources/Capabilities/Detection"
        ),
        // Live: `follow` on a growing, rotating log and auditd's plugin on its pipe, through the
        // tracker event by event, with every loss counted in one place.
        .target(
            name: "LiveAudit",
            dependencies: ["AuditLog", "AuditRules", "AuditReport", "ContainerTrace", "Detection", "HostIO"],
            path: "Sources/Capabilities/LiveAudit"
        ),
        // Fleets: events shipped to ClickHouse (one row per event, deduplicated), read back across hosts.
        .target(name: "Fleet", dependencies: ["AuditLog", "ContainerTrace", "HostIO"], path: "Sources/Capabilities/Fleet"),
        // MARK: Interface
        // The command line: wires options to the libraries' calls, maps errors to exit codes.
        .executableTarget(
            name: "dockaudit",
            dependencies: [
                "AuditLog", "HostIO", "AuditRules", "HostCheck", "BootAnalysis", "ContainerTrace", "AuditReport",
                "Detection", "LiveAudit", "Fleet", "DockerEngine", "ClickHouse", "CGlibcExtras",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/Interface/dockaudit"
        ),
        // Property checks of every capability on any bytes: the fuzzers of FuzzTesting/ call
        // them, and FuzzRegressionTests replays the crash inputs kept there through them.
        .target(
            name: "FuzzTargets",
            dependencies: ["AuditLog", "AuditRules", "HostCheck", "BootAnalysis", "HostIO"],
            path: "Sources/Interface/FuzzTargets"
        ),

        // MARK: Examples
        // One runnable example per library product (Examples/README.md); ExampleTests runs them.
        .executableTarget(name: "SearchEvents", dependencies: ["AuditLog"], path: "Examples/SearchEvents"),
        .executableTarget(name: "ReadHostFiles", dependencies: ["HostIO"], path: "Examples/ReadHostFiles"),
        .executableTarget(name: "LintRules", dependencies: ["AuditRules"], path: "Examples/LintRules"),
        .executableTarget(name: "CheckHost", dependencies: ["HostCheck", "HostIO"], path: "Examples/CheckHost"),
        .executableTarget(name: "BootTiming", dependencies: ["BootAnalysis"], path: "Examples/BootTiming"),
        .executableTarget(name: "TraceContainers", dependencies: ["ContainerTrace", "AuditLog"], path: "Examples/TraceContainers"),
        .executableTarget(name: "DetectAttacks", dependencies: ["Detection", "ContainerTrace", "AuditLog"], path: "Examples/DetectAttacks"),
        .executableTarget(name: "FollowEvents", dependencies: ["LiveAudit", "AuditReport", "AuditLog"], path: "Examples/FollowEvents"),
        .executableTarget(name: "ExplainEvents", dependencies: ["AuditReport", "AuditLog"], path: "Examples/ExplainEvents"),
        .executableTarget(name: "FuzzOnce", dependencies: ["FuzzTargets"], path: "Examples/FuzzOnce"),

        // MARK: Tests
        // What tests share: logs in memory, temporary files, fixtures and golden outputs.
        .target(name: "TestSupport", dependencies: ["AuditLog", "HostIO"], path: "Tests/TestSupport"),
        .testTarget(name: "AuditLogTests", dependencies: ["TestSupport", "AuditLog", "HostIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AuditRulesTests", dependencies: ["TestSupport", "AuditRules", "HostIO"]),
        .testTarget(name: "HostCheckTests", dependencies: ["TestSupport", "HostCheck", "AuditRules", "HostIO"]),
        .testTarget(name: "BootAnalysisTests", dependencies: ["TestSupport", "BootAnalysis", "AuditLog", "HostIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ContainerTraceTests", dependencies: ["TestSupport", "ContainerTrace", "AuditLog", "HostIO"]),
        .testTarget(name: "DetectionTests", dependencies: ["TestSupport", "Detection", "ContainerTrace", "AuditLog", "AuditRules", "BootAnalysis", "HostCheck"]),
        .testTarget(name: "AuditReportTests", dependencies: ["TestSupport", "AuditReport", "AuditLog", "HostCheck", "HostIO", "ContainerTrace"]),
        .testTarget(name: "LiveAuditTests", dependencies: ["TestSupport", "LiveAudit", "AuditLog", "HostIO"]),
        .testTarget(name: "FleetTests", dependencies: ["Fleet", "AuditLog", "ContainerTrace", "HostIO"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),
        // Differential and live-kernel tests: need root, auditd and the built binary.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["TestSupport", "AuditLog", "AuditRules", "ContainerTrace", "DockerEngine", "HostIO"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
