import Foundation
import Hummingbird
import Logging
import Metrics
public import StageRuntime

extension JiraPollerStage {
    /// The path Jira webhooks are delivered to.
    public static let webhookPath = "webhook/jira"
    /// The largest webhook body accepted (Jira payloads with a full issue stay well below).
    static let maxWebhookBytes = 4 * 1024 * 1024

    /// The stage's extra HTTP route: `POST /webhook/jira` handled by `receiver`. Answers 202 when a
    /// poll was triggered, 200 for a delivery already seen, 401 for a bad signature.
    /// The logger is made when the routes are installed, after the host bootstrapped logging.
    public static func routes(receiver: JiraWebhookReceiver) -> StageHTTPServer.Routes {
        { router in
            let logger = webhookLogger()
            router.post(RouterPath(webhookPath)) { request, _ -> Response in
                var request = request
                let body = try await request.collectBody(upTo: maxWebhookBytes)
                let outcome = receiver.receive(
                    body: Data(body.readableBytesView),
                    signature: header("X-Hub-Signature", of: request),
                    identifier: header("X-Atlassian-Webhook-Identifier", of: request))
                Counter(label: "sync_webhooks_total", dimensions: [("stage", name), ("outcome", "\(outcome)")]).increment()
                switch outcome {
                case .accepted:
                    logger.debug("webhook accepted: polling now")
                    return Response(status: .accepted)
                case .duplicate:
                    logger.debug("webhook ignored: identifier already handled")
                    return Response(status: .ok)
                case .badSignature:
                    logger.warning("webhook rejected: missing or wrong X-Hub-Signature")
                    return Response(status: .unauthorized)
                }
            }
        }
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
