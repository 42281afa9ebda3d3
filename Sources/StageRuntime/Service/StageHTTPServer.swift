import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Serves `GET /healthz` (every part of the process works: 503 with the failed parts once one
/// failed, see ``StageHealth``), `GET /readyz` (every ``Readiness`` check passes; 503 with the
/// failing checks otherwise) and `GET /metrics` (Prometheus text format), and nothing else: a
/// stage's own routes (jira-poller's webhook) get a ``StageListener`` of their own.
package struct StageHTTPServer: Sendable {
    private let listener: StageListener
    private let logger: Logger

    /// Creates a server; nothing listens until ``run(onListening:)``.
    /// - Parameter host: the address to bind (`SYNC_HTTP_HOST`, default `0.0.0.0`).
    package init(
        host: String = "0.0.0.0", port: Int, readiness: Readiness, health: StageHealth = StageHealth(),
        registry: PrometheusCollectorRegistry, logger: Logger
    ) {
        self.logger = logger
        listener = StageListener(purpose: "health and metrics", metadataPrefix: "http", host: host, port: port) { router in
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
        }
    }

    /// Serves until the calling task is cancelled, then shuts down gracefully.
    /// - Parameter onListening: receives the bound port (useful with port 0).
    package func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await listener.run(logger: logger, onListening: onListening)
    }
}

extension StageHTTPServer: Service {
    /// Serves until the process stops: a graceful shutdown (or cancellation) closes the listener
    /// and lets requests in progress finish.
    package func run() async throws {
        try await run(onListening: { _ in })
    }
}
