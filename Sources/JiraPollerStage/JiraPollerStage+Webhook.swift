import Foundation
import Hummingbird
import Logging
import Metrics
import StageRuntime
import SyncCore

extension JiraPollerStage {
    /// The path Jira webhooks are delivered to.
    package static let webhookPath = "webhook/jira"
    /// The largest webhook body accepted (Jira payloads, a full issue included, stay far below;
    /// a larger one is refused with 413 before it is read, and the next poll sees the change).
    package static let maxWebhookBytes = 1024 * 1024

    /// The webhook listener and its receiver: `POST /webhook/jira` on its own address and port
    /// (``WebhookListenerOptions``), or `nil` — no listener at all — when `JIRA_WEBHOOK_SECRET`
    /// (or `_FILE`) is not set: deliveries are only ever accepted signed.
    /// - Throws: ``StageError/configuration(_:)`` for an unreadable or too short secret or a bad port.
    package static func webhook(
        options: WebhookListenerOptions, environment: [String: String], trigger: PollTrigger
    ) throws(StageError) -> (listener: StageListener, receiver: JiraWebhookReceiver)? {
        let secret: Secret?
        do {
            secret = try Secret.fromEnvironment("JIRA_WEBHOOK_SECRET", environment: environment)
        } catch {
            throw StageError.configuration("\(error)")
        }
        guard let secret else { return nil }
        let receiver: JiraWebhookReceiver
        do {
            receiver = try JiraWebhookReceiver(secret: secret.reveal(), trigger: trigger)
        } catch {
            throw StageError.configuration("\(error)")
        }
        let listener = StageListener(
            purpose: "webhook", metadataPrefix: "webhook", host: options.host(environment: environment),
            port: try options.port(environment: environment), routes: routes(receiver: receiver))
        return (listener, receiver)
    }

    /// The webhook listener's only route: `POST /webhook/jira` handled by `receiver`. Answers 202
    /// when a poll was requested, 200 for a delivery already seen or too old, 401 for a bad
    /// signature, 413 for a body over ``maxWebhookBytes``; anything else is 404.
    /// The logger is made when the routes are installed, after the host bootstrapped logging.
    package static func routes(receiver: JiraWebhookReceiver) -> StageListener.Routes {
        { router in
            let logger = webhookLogger()
            router.post(RouterPath(webhookPath)) { request, _ -> Response in
                if let length = header("Content-Length", of: request).flatMap(Int.init), length > maxWebhookBytes {
                    count(outcome: "too_large")
                    logger.warning("webhook rejected: body too large", metadata: ["http.content_length": "\(length)"])
                    return Response(status: .contentTooLarge)
                }
                var request = request
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: maxWebhookBytes)
                } catch {
                    count(outcome: "too_large")
                    logger.warning("webhook rejected: body too large")
                    return Response(status: .contentTooLarge)
                }
                let outcome = receiver.receive(
                    body: Data(body.readableBytesView),
                    signature: header("X-Hub-Signature", of: request),
                    identifier: header("X-Atlassian-Webhook-Identifier", of: request))
                count(outcome: "\(outcome)")
                switch outcome {
                case .accepted:
                    logger.debug("webhook accepted: polling soon")
                    return Response(status: .accepted)
                case .duplicate:
                    logger.debug("webhook ignored: delivery already handled")
                    return Response(status: .ok)
                case .stale:
                    logger.notice("webhook ignored: its signed timestamp is too old (a replay?)")
                    return Response(status: .ok)
                case .badSignature:
                    logger.warning("webhook rejected: missing or wrong X-Hub-Signature")
                    return Response(status: .unauthorized)
                }
            }
        }
    }

    private static func count(outcome: String) {
        Counter(label: "sync_webhooks_total", dimensions: [("stage", name), ("outcome", outcome)]).increment()
    }

    private static func webhookLogger() -> Logger {
        var logger = Logger(label: name)
        logger[metadataKey: "stage"] = "\(name)"
        return logger
    }

    /// A request header by name (case-insensitive).
    private static func header(_ name: String, of request: Request) -> String? {
        request.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }
}
