import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Serves `GET /healthz` (every part of the process works: 503 with the failed parts once one
/// failed, see ``StageHealth``), `GET /readyz` (every ``Readiness`` check passes;
/// 503 with the failing checks otherwise) and `GET /metrics` (Prometheus text format).
public struct StageHTTPServer: Sendable {
    private let host: String
    private let port: Int
    private let readiness: Readiness
    private let health: StageHealth
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger
    private let routes: Routes

    /// Adds a stage's own routes (e.g. the jira-poller's webhook) next to the standard ones.
    public typealias Routes = @Sendable (Router<BasicRequestContext>) -> Void

    /// Creates a server; nothing listens until ``run(onListening:)``.
    public init(
        host: String = "0.0.0.0", port: Int, readiness: Readiness, health: StageHealth = StageHealth(),
        registry: PrometheusCollectorRegistry, logger: Logger, routes: @escaping Routes = { _ in }
    ) {
        self.routes = routes
        self.host = host
        self.port = port
        self.readiness = readiness
        self.health = health
        self.registry = registry
        self.logger = logger
    }

    /// Serves until the calling task is cancelled, then shuts down gracefully.
    /// - Parameter onListening: receives the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        let readiness = readiness
        let registry = registry
        let health = health
        router.get("healthz") { _, _ -> Response in
            Response(
                status: health.isHealthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: health.report)))
        }
        router.get("readyz") { _, _ -> Response in
            let body = ByteBuffer(string: readiness.report)
            return Response(
                status: readiness.isReady ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: body))
        }
        router.get("metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        routes(router)
        let logger = logger
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                logger.info("health and metrics endpoint listening", metadata: ["http.port": "\(bound)"])
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
}

extension StageHTTPServer: Service {
    /// Serves until the process stops: a graceful shutdown (or cancellation) closes the listener
    /// and lets requests in progress finish.
    public func run() async throws {
        try await run(onListening: { _ in })
    }
}
