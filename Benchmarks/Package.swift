// swift-tools-version: 6.1
// Benchmarks for Galvani, kept as a package of their own so the main package's
// `swift build` and `swift test` never build the benchmark harness.
//
//     cd Benchmarks && swift package benchmark
import PackageDescription

/// What a tool that runs whole serial sessions against the emulator needs.
let serialSession: [Target.Dependency] = [
    "PulseWorkload",
    "SerialWorkload",
    .product(name: "StimulationCore", package: "Galvani"),
    .product(name: "StimulationEngine", package: "Galvani"),
    .product(name: "Transports", package: "Galvani"),
]

let package = Package(
    name: "GalvaniBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The name lets the products below say "Galvani" whatever the checkout's folder is called.
        .package(name: "Galvani", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The workload the benchmarks measure: the heaviest bundled protocol, found by counting pulses.
        .target(
            name: "PulseWorkload",
            dependencies: [.product(name: "StimulationCore", package: "Galvani")]
        ),
        // Prints every bundled programme's real-time pulse rate, the yardstick for the benchmark.
        .executableTarget(
            name: "pulse-rates",
            dependencies: ["PulseWorkload"]
        ),
        // The four-channel modulated TENS session the serial-link figures are measured on.
        .target(
            name: "SerialWorkload",
            dependencies: [.product(name: "StimulationCore", package: "Galvani")]
        ),
        // Prints STOP-ALL latency percentiles (p50 to p99.9 and the maximum) over thousands of stops.
        .executableTarget(
            name: "stop-latency",
            dependencies: serialSession
        ),
        // Prints what records cost: the writer's events per second, a stepped session's pass times with records on
        // and off, and the size of a 20-minute four-channel session's file.
        .executableTarget(
            name: "records-load",
            dependencies: [
                .product(name: "StimulationCore", package: "Galvani"),
                .product(name: "StimulationEngine", package: "Galvani"),
                .product(name: "Transports", package: "Galvani"),
                .product(name: "TreatmentRecords", package: "Galvani"),
            ]
        ),
        // Prints the link's bytes per second for whole sessions run in real time over the emulator.
        .executableTarget(
            name: "serial-bandwidth",
            dependencies: serialSession
        ),
        .executableTarget(
            name: "PulseGeneration",
            dependencies: [
                "PulseWorkload",
                .product(name: "StimulationCore", package: "Galvani"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PulseGeneration",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EngineTiming",
            dependencies: [
                "PulseWorkload",
                .product(name: "StimulationCore", package: "Galvani"),
                .product(name: "StimulationEngine", package: "Galvani"),
                .product(name: "Transports", package: "Galvani"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EngineTiming",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ConsoleRender",
            dependencies: [
                "PulseWorkload",
                .product(name: "StimulationCore", package: "Galvani"),
                .product(name: "StimulationEngine", package: "Galvani"),
                .product(name: "Transports", package: "Galvani"),
                .product(name: "ConsoleUI", package: "Galvani"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ConsoleRender",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SerialLink",
            dependencies: [
                "PulseWorkload",
                "SerialWorkload",
                .product(name: "StimulationCore", package: "Galvani"),
                .product(name: "StimulationEngine", package: "Galvani"),
                .product(name: "Transports", package: "Galvani"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SerialLink",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
