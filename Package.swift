// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Galvani",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "galvani", targets: ["galvani"]),
        .library(name: "StimulationCore", targets: ["StimulationCore"]),
        .library(name: "Transports", targets: ["Transports"]),
        .library(name: "StimulationEngine", targets: ["StimulationEngine"]),
        .library(name: "ConsoleUI", targets: ["ConsoleUI"]),
        .library(name: "TreatmentRecords", targets: ["TreatmentRecords"]),
        .library(name: "HomeUnit", targets: ["HomeUnit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "StimulationCore",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(name: "CGPIO"),
        .target(
            name: "Transports",
            dependencies: ["StimulationCore", "CGPIO", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "StimulationEngine",
            dependencies: ["StimulationCore", "Transports"]
        ),
        .target(
            name: "TreatmentRecords",
            dependencies: [
                "StimulationCore", "StimulationEngine", "Transports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "HomeUnit",
            dependencies: [
                "StimulationCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .systemLibrary(
            name: "CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "ConsoleUI",
            dependencies: [
                "StimulationCore", "StimulationEngine", "Transports", "TreatmentRecords", "CNCursesW",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "galvani",
            dependencies: [
                "StimulationCore",
                "Transports",
                "StimulationEngine",
                "ConsoleUI",
                "TreatmentRecords",
                "HomeUnit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "StimulationCoreTests",
            dependencies: [
                "StimulationCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "TransportsTests",
            dependencies: ["Transports", "StimulationCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "StimulationEngineTests",
            dependencies: [
                "StimulationEngine", "Transports", "StimulationCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ConsoleUITests",
            dependencies: ["ConsoleUI", "StimulationEngine", "StimulationCore", "Transports", "TreatmentRecords", "HomeUnit",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TreatmentRecordsTests",
            dependencies: ["TreatmentRecords", "StimulationEngine", "StimulationCore", "Transports",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "HomeUnitTests",
            dependencies: ["HomeUnit", "StimulationCore", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "GalvaniCLITests",
            dependencies: ["galvani", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
