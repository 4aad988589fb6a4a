// swift-tools-version: 6.1
// libFuzzer harnesses for Galvani's input paths; built by scripts/fuzz, never by `swift test`.
import Foundation
import PackageDescription

/// A path dependency is known by its folder's name, which is wherever the project was cloned.
let project = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()
let projectName = project.lastPathComponent

let package = Package(
    name: "GalvaniFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "galvani-fuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "StimulationCore", package: projectName),
                .product(name: "Transports", package: projectName),
                .product(name: "ConsoleUI", package: projectName),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
