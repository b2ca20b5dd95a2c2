// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "batt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "batt", targets: ["batt"]),
        .library(name: "BattDSL", targets: ["BattDSL"]),
        .library(name: "BattLanguage", targets: ["BattLanguage"]),
        .library(name: "BattPipeline", targets: ["BattPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        // The DSL runtime: values, primitives, constants, evaluation budget.
        .target(name: "BattDSL", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        // The solver language: parse, normalise, inline, hash, compile to a runtime program.
        .target(
            name: "BattLanguage",
            dependencies: ["BattDSL", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // ARC task files: folders, Kaggle pairs, combined JSON.
        .target(
            name: "BattTasks",
            dependencies: ["BattDSL", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The SQLite verdict cache.
        .target(
            name: "BattCache",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Custom Python DSLs: a fork server and a pool of CPython workers that evaluate candidates.
        .target(
            name: "BattPython",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The run: dedupe, lookup, inline, validate, store, report.
        .target(
            name: "BattPipeline",
            dependencies: ["BattDSL", "BattLanguage", "BattTasks", "BattCache", "BattPython"]
        ),
        // The command line as a library, so tests can drive it in-process.
        .target(
            name: "BattCommands",
            dependencies: [
                "BattPipeline", "BattCache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "batt", dependencies: ["BattCommands"]),
        // Benchmarks, run as a command (Benchmarks/run.sh), never as timed tests.
        .executableTarget(
            name: "batt-bench",
            dependencies: [
                "BattPipeline", "BattLanguage", "BattDSL", "BattTasks", "BattCache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/BattBench"
        ),
        .testTarget(name: "BattDSLTests", dependencies: ["BattDSL"], exclude: ["Fixtures"]),
        .testTarget(name: "BattLanguageTests", dependencies: ["BattLanguage"], exclude: ["Fixtures"]),
        .testTarget(name: "BattTasksTests", dependencies: ["BattTasks"], exclude: ["Fixtures"]),
        .testTarget(name: "BattCacheTests", dependencies: ["BattCache"]),
        .testTarget(name: "BattPythonTests", dependencies: ["BattPython"], exclude: ["Fixtures"]),
        .testTarget(
            name: "BattPipelineTests", dependencies: ["BattPipeline", "BattCache", "BattLanguage"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "BattCommandsTests",
            dependencies: ["BattCommands", "BattCache", "BattPipeline", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
