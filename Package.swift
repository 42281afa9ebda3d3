// swift-tools-version: 6.2
// guance-jira-sync: keeps Guance exception-tracking issues and Jira issues in sync, both ways,
// through a Kafka pipeline of small executables.

import PackageDescription

/// Settings every target shares: Swift 6 language mode (strict concurrency) plus explicit `any`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "guance-jira-sync",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "RichText", targets: ["RichText"]),
        .library(name: "GuanceAPI", targets: ["GuanceAPI"]),
        .library(name: "JiraAPI", targets: ["JiraAPI"]),
        .library(name: "GuanceSimulator", targets: ["GuanceSimulator"]),
        .library(name: "JiraSimulator", targets: ["JiraSimulator"]),
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .executable(name: "syncctl", targets: ["syncctl"]),
        .executable(name: "guance-poller", targets: ["guance-poller"]),
        .executable(name: "jira-writer", targets: ["jira-writer"]),
        .executable(name: "jira-poller", targets: ["jira-poller"]),
        .executable(name: "guance-writer", targets: ["guance-writer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: C library (only the Kafka module imports it)
        .systemLibrary(
            name: "Crdkafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        // librdkafka's mock cluster API (rdkafka_mock.h): only KafkaMock imports it.
        .systemLibrary(
            name: "CrdkafkaMock",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),

        // MARK: Libraries
        .target(
            name: "Kafka",
            dependencies: [
                "Crdkafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Development and tests only: librdkafka's in-memory mock cluster (the dev broker, the test
        // broker, the benchmark). No production executable links it.
        .target(
            name: "KafkaMock",
            dependencies: [
                "CrdkafkaMock", "Kafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RichText",
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncCore",
            dependencies: [
                "RichText",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ProcessSupport",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // A client of both simulators' control APIs (the demo's "people"; end-to-end tests).
        .target(
            name: "SimulatorControl",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Test-only: this package's executables as child processes, up to a whole deployment
        // (dev broker, simulators, stages).
        .target(
            name: "PipelineTesting",
            dependencies: [
                "ProcessSupport", "SimulatorControl",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The runtime of the stage executables: Kafka-backed tables, publishers, the writer loop,
        // health/metrics endpoint, logging and the process host.
        .target(
            name: "StageRuntime",
            dependencies: [
                "Kafka", "SyncCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // The stages' API clients, built from configuration, environment secrets and budgets.
        .target(
            name: "StageClients",
            dependencies: [
                "APICore", "StageRuntime", "GuanceAPI", "JiraAPI", "SyncCore", "Kafka",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // What both API clients share: the error surface, the clock, back-off, "was it sent?".
        .target(
            name: "APICore",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GuanceAPI",
            dependencies: [
                "APICore", "RichText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "JiraAPI",
            dependencies: [
                "APICore", "RichText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GuanceSimulator",
            dependencies: [
                "RichText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "JiraSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),

        .target(
            name: "GuancePoller",
            dependencies: ["SyncCore", "GuanceAPI", "RichText"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GuanceWriter",
            dependencies: ["APICore", "SyncCore", "GuanceAPI", "RichText"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "JiraWriter",
            dependencies: ["APICore", "SyncCore", "JiraAPI", "RichText"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "JiraPoller",
            dependencies: ["SyncCore", "JiraAPI", "RichText"],
            swiftSettings: strictSettings
        ),
        // The jira-writer stage: guance.events.v1 → Jira issues, comments, status; back-link to Guance.
        .target(
            name: "JiraWriterStage",
            dependencies: [
                "JiraWriter", "GuancePoller", "StageRuntime", "StageClients", "SyncCore", "JiraAPI", "GuanceAPI", "RichText",
                "Kafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // guance-poller: the poller core wired to the Guance client and Kafka.
        .target(
            name: "GuancePollerStage",
            dependencies: [
                "GuancePoller", "GuanceAPI", "SyncCore", "StageRuntime", "StageClients", "Kafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // jira-poller's runtime: the pure JiraPoller core wired to Jira, Kafka and the webhook nudge.
        .target(
            name: "JiraPollerStage",
            dependencies: [
                "JiraPoller", "JiraAPI", "SyncCore", "StageRuntime", "StageClients", "Kafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // The guance-writer stage: Jira comments and status changes applied to Guance.
        .target(
            name: "GuanceWriterStage",
            dependencies: [
                "StageRuntime", "StageClients", "GuanceWriter", "GuanceAPI", "SyncCore", "Kafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // The four stages hosted in one process (`syncctl run`, `sync-dev run`).
        .target(
            name: "AllStages",
            dependencies: [
                "GuancePollerStage", "JiraWriterStage", "JiraPollerStage", "GuanceWriterStage", "StageRuntime", "SyncCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // Test-only: the SIGKILL crash points (`SYNC_FAULT_CRASH_AT`) of the stages' fault-injection builds.
        .target(
            name: "FaultInjection",
            dependencies: [
                "StageRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // syncctl's operations (dead letters, links, status, backfill) as a library, testable in-process.
        .target(
            name: "SyncOps",
            dependencies: [
                "Kafka", "SyncCore", "StageRuntime", "StageClients", "GuanceAPI", "JiraAPI", "GuancePoller",
                "JiraWriter", "RichText",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Executables
        .executableTarget(
            name: "guance-poller",
            dependencies: [
                "GuancePollerStage", "StageRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "guance-writer",
            dependencies: [
                "GuanceWriterStage", "StageRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Operations (production: every container's health check). No simulator, mock or fault injection.
        .executableTarget(
            name: "syncctl",
            dependencies: [
                "Kafka",
                "SyncCore",
                "SyncOps",
                "StageRuntime",
                "StageClients",
                "GuancePoller",
                "ProcessSupport",
                "JiraWriter",
                "AllStages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The development tool: demo, simulators, dev broker, the stages on an embedded broker. Never shipped.
        .executableTarget(
            name: "sync-dev",
            dependencies: [
                "AllStages",
                .product(name: "Hummingbird", package: "hummingbird"),
                "Kafka",
                "KafkaMock",
                "SyncCore",
                "GuanceSimulator",
                "JiraSimulator",
                "SimulatorControl",
                "ProcessSupport",
                "JiraWriter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "jira-writer",
            dependencies: [
                "JiraWriterStage", "StageRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "jira-poller",
            dependencies: [
                "JiraPollerStage", "StageRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kafka-probe",
            dependencies: [
                "ProcessSupport",
                "Kafka",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Test-only: the stages' fault-injection builds (their command lines plus SIGKILL crash points).
        .executableTarget(
            name: "guance-poller-faults",
            dependencies: ["GuancePollerStage", "FaultInjection"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "jira-writer-faults",
            dependencies: ["JiraWriterStage", "FaultInjection"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "jira-poller-faults",
            dependencies: ["JiraPollerStage", "FaultInjection"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "guance-writer-faults",
            dependencies: ["GuanceWriterStage", "FaultInjection"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kafka-bench",
            dependencies: [
                "Kafka", "KafkaMock",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        // Whole-pipeline tests: every part a separate OS process (the products must be built).
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "PipelineTesting", "SimulatorControl", "Kafka", "StageRuntime", "SyncCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StageRuntimeTests",
            dependencies: [
                "StageRuntime", "Kafka", "KafkaMock", "SyncCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["PipelineTesting", "Kafka", "KafkaMock", "sync-dev", "kafka-probe", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // Deployment files (compose.yaml, ops/) against the Compose schema, topics/ and the runtime contract.
        .testTarget(
            name: "DeploymentTests",
            dependencies: [
                "SyncCore", "ProcessSupport", "PipelineTesting",
                "syncctl", "guance-poller", "jira-writer", "jira-poller", "guance-writer", "sync-dev", "jira-writer-faults",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncCtlTests",
            dependencies: [
                "APICore", "ProcessSupport", "syncctl", "sync-dev", "PipelineTesting", "SyncOps", "StageRuntime",
                "SyncCore", "Kafka",
                "GuanceAPI", "GuancePoller", "JiraAPI", "JiraWriter", "RichText",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "APICoreTests",
            dependencies: ["APICore", "GuanceAPI", "JiraAPI"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RichTextTests",
            dependencies: ["RichText"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncCoreTests",
            dependencies: ["ProcessSupport", "SyncCore", "RichText"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GuanceAPITests",
            dependencies: [
                "APICore", "PipelineTesting",
                "GuanceAPI",
                "GuanceSimulator",
                "RichText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JiraSimulatorTests",
            dependencies: [
                "ProcessSupport",
                "JiraSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["contract"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GuancePollerStageTests",
            dependencies: [
                "PipelineTesting", "Kafka", "KafkaMock", "SyncCore", "RichText", "GuancePollerStage",
                "GuancePoller", "GuanceAPI", "StageRuntime", "StageClients", "guance-poller", "guance-poller-faults", "syncctl", "sync-dev",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GuancePollerTests",
            dependencies: ["APICore", "GuancePoller", "GuanceAPI", "SyncCore", "RichText"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GuanceSimulatorTests",
            dependencies: [
                "GuanceSimulator",
                "RichText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JiraPollerStageTests",
            dependencies: [
                "JiraPollerStage", "JiraPoller", "JiraAPI", "RichText", "PipelineTesting", "StageRuntime",
                "Kafka", "SyncCore", "jira-poller", "jira-poller-faults", "syncctl", "sync-dev",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JiraPollerTests",
            dependencies: ["JiraPoller", "JiraAPI", "SyncCore", "RichText"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GuanceWriterTests",
            dependencies: ["GuanceWriter", "GuanceAPI", "SyncCore", "RichText"],
            swiftSettings: strictSettings
        ),
        // Who can steer the sync: webhook, Kafka security, API clients' redirects, secrets in outputs.
        .testTarget(
            name: "SecurityTests",
            dependencies: [
                "StageClients", "StageRuntime", "SyncCore", "Kafka", "GuanceAPI", "JiraAPI", "JiraPollerStage",
                "PipelineTesting", "SimulatorControl",
                "guance-poller", "jira-poller", "jira-writer", "guance-writer", "syncctl",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JiraWriterStageTests",
            dependencies: [
                "PipelineTesting", "StageRuntime", "SyncCore", "Kafka", "JiraWriterStage", "JiraWriter", "GuanceAPI",
                "jira-writer", "jira-writer-faults", "syncctl", "sync-dev",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GuanceWriterStageTests",
            dependencies: [
                "PipelineTesting", "StageRuntime", "SyncCore", "Kafka", "KafkaMock", "RichText",
                "GuanceWriterStage", "guance-writer", "guance-writer-faults", "syncctl", "sync-dev", "SimulatorControl",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JiraWriterTests",
            dependencies: ["JiraWriter", "JiraAPI", "SyncCore", "RichText"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JiraAPITests",
            dependencies: [
                "APICore", "PipelineTesting",
                "JiraAPI",
                "JiraSimulator",
                "RichText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
