// swift-tools-version:6.2
import PackageDescription

// Strict settings from the start (STYLE.md): Swift 6 language mode, explicit existentials,
// imports that must be named where their members are used.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "shuhui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "shuhui", targets: ["shuhui"]),
        .library(name: "ShuhuiCore", targets: ["ShuhuiCore"]),
        .library(name: "ShuhuiStore", targets: ["ShuhuiStore"]),
        .library(name: "ShuhuiServer", targets: ["ShuhuiServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Two C inline functions Swift cannot express: a cache prefetch, glibc's malloc_trim.
        .target(name: "CShuhui"),
        // Domain types and pure logic. Foundation only; no I/O.
        .target(
            name: "ShuhuiCore",
            dependencies: ["CShuhui"],
            swiftSettings: strict
        ),
        // Spreadsheets departments actually fill in: CSV (RFC 4180) and XLSX (Office Open XML).
        .target(
            name: "ShuhuiSpreadsheet",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // Schema, migrations, repositories; SQLite and PostgreSQL behind one interface.
        .target(
            name: "ShuhuiStore",
            dependencies: [
                "ShuhuiCore",
                "ShuhuiSpreadsheet",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The Hummingbird application: API, console, OpenAPI document, string table.
        .target(
            name: "ShuhuiServer",
            dependencies: [
                "ShuhuiCore",
                "ShuhuiStore",
                "ShuhuiSpreadsheet",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        // The CLI: parses, calls the layers below.
        .executableTarget(
            name: "shuhui",
            dependencies: [
                "CShuhui",
                "ShuhuiCore",
                "ShuhuiStore",
                "ShuhuiServer",
                "ShuhuiSpreadsheet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ShuhuiCoreTests", dependencies: ["ShuhuiCore"], swiftSettings: strict),
        .testTarget(name: "ShuhuiSpreadsheetTests", dependencies: ["ShuhuiSpreadsheet"], swiftSettings: strict),
        .testTarget(
            name: "ShuhuiStoreTests",
            dependencies: ["ShuhuiCore", "ShuhuiStore", .product(name: "SQLiteNIO", package: "sqlite-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ShuhuiServerTests",
            dependencies: [
                "ShuhuiCore", "ShuhuiStore", "ShuhuiServer", "ShuhuiSpreadsheet",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
    ]
)
