// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every Swift target (Swift 6 language mode, i.e. complete strict concurrency).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Roster",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "roster", targets: ["roster"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries from Debian, wrapped as system libraries.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CLDAP", providers: [.apt(["libldap-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // Pure domain: model, rules, ports, services. Foundation only, no I/O.
        .target(name: "RosterCore", swiftSettings: swiftSettings),
        // libsodium: argon2id password hashes, SHA-256 of tokens, random bytes.
        .target(name: "RosterSecurity", dependencies: ["RosterCore", "CSodium"], swiftSettings: swiftSettings),
        // The SQLite user store (GRDB over the system libsqlite3).
        .target(
            name: "RosterStore",
            dependencies: [
                "RosterCore", "RosterSCIM", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // SCIM 2.0 (RFC 7643/7644) without I/O: JSON values, schemas, filters, paths, PATCH, resource mapping.
        .target(name: "RosterSCIM", dependencies: ["RosterCore"], swiftSettings: swiftSettings),
        // Property-list configuration: loading, validation, secrets.
        .target(name: "RosterConfig", dependencies: ["RosterCore"], swiftSettings: swiftSettings),
        // libldap from Swift: connections, paged/ranged searches, escaping.
        .target(
            name: "RosterLDAP",
            dependencies: ["CLDAP", "RosterCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Outgoing mail: SMTP through libcurl.
        .target(name: "RosterMail", dependencies: ["CCurl", "RosterCore"], swiftSettings: swiftSettings),
        // The composition root shared by the executable and the tests.
        .target(
            name: "RosterRuntime",
            dependencies: [
                "RosterCore", "RosterSecurity", "RosterStore", "RosterConfig", "RosterLDAP", "RosterSCIM", "RosterMail",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `roster serve`: the HTTP server (SCIM, health, metrics) on Hummingbird 2 under service-lifecycle.
        .target(
            name: "RosterServer",
            dependencies: [
                "RosterRuntime", "RosterCore", "RosterSCIM", "RosterStore", "RosterConfig", "RosterSecurity",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "roster",
            dependencies: [
                "RosterRuntime", "RosterCore", "RosterConfig", "RosterServer", "RosterSCIM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks run by scripts/bench-*.sh (never by the test suite).
        .executableTarget(
            name: "RosterBench",
            dependencies: [
                "RosterRuntime", "RosterCore", "RosterStore", "RosterSCIM", "RosterSecurity", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test support: temp stores, fixed clocks, a process runner for the CLI.
        .target(
            name: "RosterTesting",
            dependencies: ["RosterRuntime", "RosterCore", "RosterStore", "RosterSecurity", "RosterConfig"],
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "RosterSCIMTests", dependencies: ["RosterSCIM", "RosterCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RosterServerTests",
            dependencies: [
                "RosterServer", "RosterSCIM", "RosterCore", "RosterStore", "RosterTesting", "RosterRuntime",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RosterCoreTests", dependencies: ["RosterCore", "RosterTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RosterStoreTests",
            dependencies: ["RosterCore", "RosterStore", "RosterSecurity", "RosterTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RosterConfigTests",
            dependencies: ["RosterConfig", "RosterCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RosterLDAPTests",
            dependencies: ["RosterLDAP", "RosterCore", "RosterTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RosterCLITests",
            dependencies: ["RosterTesting", "RosterCore"],
            swiftSettings: swiftSettings
        ),
    ]
)
