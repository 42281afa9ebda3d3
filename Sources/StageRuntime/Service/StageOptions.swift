import ArgumentParser
import Foundation

/// The command-line options every stage shares (each also readable from the environment, which
/// wins only when the option is not given).
package struct StageOptions: ParsableArguments, Sendable {
    /// The YAML configuration file.
    @Option(name: .long, help: "Configuration file (env SYNC_CONFIG; default /etc/guance-jira-sync/sync.yaml).")
    package var config: String?

    /// Kafka bootstrap servers.
    @Option(name: .long, help: "Kafka bootstrap servers host:port[,host:port] (env KAFKA_BROKERS).")
    package var brokers: String?

    /// Port of the health and metrics endpoint.
    @Option(name: .long, help: "Port for /healthz, /readyz and /metrics (env SYNC_HTTP_PORT; default 8080; 0 = any free port).")
    package var httpPort: Int?

    /// Address of the health and metrics endpoint.
    @Option(name: .long, help: "Address /healthz, /readyz and /metrics listen on (env SYNC_HTTP_HOST; default 0.0.0.0; 127.0.0.1 keeps them on this host).")
    package var httpHost: String?

    /// How long a stop may take.
    @Option(name: .long, help: "Seconds a stop (SIGTERM/SIGINT) may take before the process exits anyway (env SYNC_DRAIN_TIMEOUT_SECONDS; default 20).")
    package var drainTimeout: Int?

    /// Validate and exit.
    @Flag(name: .long, help: "Validate the configuration, the environment and the remote APIs, then exit (0 = valid, 78 = problems).")
    package var checkConfig = false

    /// Creates options with defaults (ArgumentParser fills them).
    package init() {}

    /// The configuration file path after environment fallback.
    package func configPath(environment: [String: String]) -> String {
        config ?? environment["SYNC_CONFIG"] ?? "/etc/guance-jira-sync/sync.yaml"
    }

    /// The broker list after environment fallback.
    /// - Throws: ``StageError/configuration(_:)`` when neither is set.
    package func brokerList(environment: [String: String]) throws(StageError) -> [String] {
        let brokers = StageKafka.parseBrokers(brokers ?? environment["KAFKA_BROKERS"] ?? "")
        guard !brokers.isEmpty else {
            throw StageError.configuration("no Kafka brokers: pass --brokers or set KAFKA_BROKERS")
        }
        return brokers
    }

    /// The drain timeout after environment fallback (default 20 s): how long a stop may take,
    /// from SIGTERM to the exit (see ``StageHost``).
    /// - Throws: ``StageError/configuration(_:)`` when it is not a positive number of seconds.
    package func drainTimeout(environment: [String: String]) throws(StageError) -> Duration {
        if let drainTimeout {
            guard drainTimeout >= 1 else { throw StageError.configuration("--drain-timeout must be at least 1 second") }
            return .seconds(drainTimeout)
        }
        guard let text = environment["SYNC_DRAIN_TIMEOUT_SECONDS"] else { return .seconds(20) }
        guard let seconds = Int(text), seconds >= 1 else {
            throw StageError.configuration("SYNC_DRAIN_TIMEOUT_SECONDS must be a positive number of seconds, got \(text)")
        }
        return .seconds(seconds)
    }

    /// The address of the health and metrics endpoint after environment fallback (default `0.0.0.0`).
    package func host(environment: [String: String]) -> String {
        httpHost ?? environment["SYNC_HTTP_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "0.0.0.0"
    }

    /// The HTTP port after environment fallback.
    /// - Throws: ``StageError/configuration(_:)`` when SYNC_HTTP_PORT is not a port number.
    package func port(environment: [String: String]) throws(StageError) -> Int {
        if let httpPort { return httpPort }
        guard let text = environment["SYNC_HTTP_PORT"] else { return 8080 }
        guard let port = Int(text), (0...65535).contains(port) else {
            throw StageError.configuration("SYNC_HTTP_PORT must be a port number, got \(text)")
        }
        return port
    }
}
