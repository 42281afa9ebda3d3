import ArgumentParser

/// Where a stage's webhook listener (jira-poller's `POST /webhook/jira`) binds: an address and a
/// port of its own, apart from the health and metrics endpoint (each option also readable from the
/// environment, which wins only when the option is not given).
package struct WebhookListenerOptions: ParsableArguments, Sendable {
    /// The address of the webhook listener.
    @Option(name: .long, help: "Address the webhook listener binds (env SYNC_WEBHOOK_HOST; default 0.0.0.0).")
    package var webhookHost: String?

    /// The port of the webhook listener.
    @Option(name: .long, help: "Port of the webhook listener (env SYNC_WEBHOOK_PORT; default 8081; 0 = any free port).")
    package var webhookPort: Int?

    /// The default port.
    package static let defaultPort = 8081

    /// Creates options with defaults (ArgumentParser fills them).
    package init() {}

    /// The address after environment fallback (default `0.0.0.0`).
    package func host(environment: [String: String]) -> String {
        webhookHost ?? environment["SYNC_WEBHOOK_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "0.0.0.0"
    }

    /// The port after environment fallback (default 8081).
    /// - Throws: ``StageError/configuration(_:)`` when it is not a port number.
    package func port(environment: [String: String]) throws(StageError) -> Int {
        if let webhookPort {
            guard (0...65535).contains(webhookPort) else {
                throw StageError.configuration("--webhook-port must be a port number, got \(webhookPort)")
            }
            return webhookPort
        }
        guard let text = environment["SYNC_WEBHOOK_PORT"] else { return Self.defaultPort }
        guard let port = Int(text), (0...65535).contains(port) else {
            throw StageError.configuration("SYNC_WEBHOOK_PORT must be a port number, got \(text)")
        }
        return port
    }
}
