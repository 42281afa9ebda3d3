import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// One HTTP listener of a stage: a bind address, a port and the routes served there.
///
/// A stage has its health/metrics listener (``StageHTTPServer``) and, for jira-poller, a separate
/// webhook listener, so exposing the webhook to Jira never exposes `/metrics` or `/readyz`.
package struct StageListener: Sendable {
    /// Installs routes on a router (after logging is set up, so loggers made here log as configured).
    package typealias Routes = @Sendable (Router<BasicRequestContext>) -> Void

    /// What the listener is for, in its log line (`webhook endpoint listening`).
    package var purpose: String
    /// The prefix of the log metadata keys that carry the bound address and port (`http` gives
    /// `http.host` and `http.port`; `webhook` gives `webhook.host` and `webhook.port`).
    package var metadataPrefix: String
    /// The address to bind (`0.0.0.0`, `127.0.0.1`, `::`).
    package var host: String
    /// The port (0 = any free port, logged once bound).
    package var port: Int
    /// The routes served.
    package var routes: Routes

    /// Creates a listener; nothing listens until ``run(logger:onListening:)``.
    package init(purpose: String, metadataPrefix: String, host: String, port: Int, routes: @escaping Routes) {
        self.purpose = purpose
        self.metadataPrefix = metadataPrefix
        self.host = host
        self.port = port
        self.routes = routes
    }

    /// Serves until the calling task is cancelled, then shuts down gracefully.
    /// - Parameter onListening: receives the bound port (useful with port 0).
    package func run(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        routes(router)
        let purpose = purpose
        let prefix = metadataPrefix
        let host = host
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                logger.info("\(purpose) endpoint listening", metadata: ["\(prefix).host": "\(host)", "\(prefix).port": "\(bound)"])
                await onListening(bound)
            },
            logger: logger
        )
        // Cancellation becomes a graceful shutdown (no "child channel" errors in the logs).
        // The group runs in its own (never cancelled) task, so only the graceful path stops it.
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// The listener as a service of the host's `ServiceGroup`.
    func service(logger: Logger) -> some Service {
        ListenerService(listener: self, logger: logger)
    }
}

/// A ``StageListener`` with its logger, run by the host's `ServiceGroup`.
private struct ListenerService: Service {
    let listener: StageListener
    let logger: Logger

    func run() async throws {
        try await listener.run(logger: logger)
    }
}
