// swift-tools-version:5.3
// Coverage-guided fuzzers (libFuzzer). SwiftPM cannot link an executable target built
// with -parse-as-library (swift-package-manager issue 4522), so each fuzzer is a plain
// target whose main.swift defines LLVMFuzzerTestOneInput (a tools-5.3 target with a
// main.swift is linked as a program, without the renamed entry point). The package
// depends on dockaudit by path; build and run the fuzzers with scripts/fuzz.
import PackageDescription

let fuzzers = ["FuzzLogEvents", "FuzzInterpretation", "FuzzEscaping", "FuzzRules", "FuzzSystemdAnalyze",
               "FuzzBootConfiguration", "FuzzDockerHost"]

let package = Package(
    name: "FuzzTesting",
    dependencies: [.package(name: "dockaudit", path: "..")],
    targets: fuzzers.map { name in
        .target(name: name, dependencies: [.product(name: "FuzzTargets", package: "dockaudit")])
    }
)
