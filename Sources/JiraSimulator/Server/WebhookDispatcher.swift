import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Sends queued webhook deliveries, with `X-Atlassian-Webhook-Identifier` and (with a secret) `X-Hub-Signature`.
struct WebhookDispatcher: Sendable {
    let engine: SimulatorEngine
    let logger: Logger
    /// Attempts per delivery (retries carry `X-Atlassian-Webhook-Retry`).
    let maxAttempts = 3

    /// Delivers whatever the engine queued each time `wakeups` yields, until cancelled.
    func run(wakeups: AsyncStream<Void>) async {
        for await _ in wakeups {
            for delivery in engine.takeWebhookDeliveries() {
                await deliver(delivery)
            }
        }
    }

    private func deliver(_ delivery: WebhookDelivery) async {
        for attempt in 0..<maxAttempts {
            var request = HTTPClientRequest(url: delivery.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "X-Atlassian-Webhook-Identifier", value: delivery.identifier)
            request.headers.add(name: "X-Atlassian-Webhook-Flow", value: "Primary")
            if attempt > 0 { request.headers.add(name: "X-Atlassian-Webhook-Retry", value: String(attempt)) }
            if let secret = delivery.secret {
                request.headers.add(name: "X-Hub-Signature", value: SimulatorEngine.signature(body: delivery.body, secret: secret))
            }
            request.body = .bytes(ByteBuffer(bytes: delivery.body))
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
                let status = response.status.code
                if status < 500, ![408, 409, 425, 429].contains(status) { return }
                logger.debug("jira-sim webhook rejected", metadata: ["jira.sim.webhook.status": "\(status)"])
            } catch {
                logger.debug("jira-sim webhook failed", metadata: ["jira.sim.webhook.error": "\(error)"])
            }
            if Task.isCancelled { return }
            try? await Task.sleep(for: .milliseconds(200 * (attempt + 1)))
        }
    }
}
