import Crypto
public import Foundation
public import StageRuntime
import Synchronization

/// Handles Jira webhook deliveries for jira-poller: a nudge, never a source of truth.
///
/// - Authenticity: with a secret, `X-Hub-Signature` must be `sha256=<hex HMAC-SHA256(secret, raw body)>`
///   (Jira's admin-webhook format, WebSub style); anything else is rejected. Without a secret every
///   delivery is accepted (only a poll is triggered, so a forged one costs one poll).
/// - Retries: Jira keeps `X-Atlassian-Webhook-Identifier` across retries of one delivery, so an
///   identifier seen before is acknowledged and ignored.
/// - Effect: an accepted delivery fires the ``PollTrigger`` and remembers the issue id it names, which
///   the next polls send as `reconcileIssues` (Cloud) so a lagging search index still returns it.
public final class JiraWebhookReceiver: Sendable {
    /// What happened to a delivery.
    public enum Outcome: Sendable, Hashable {
        /// New and authentic: a poll was triggered.
        case accepted
        /// An identifier already handled (a retry or a replay): nothing done.
        case duplicate
        /// The signature is missing or wrong while a secret is set.
        case badSignature
    }

    private struct State {
        var identifiers: Set<String> = []
        var identifierOrder: [String] = []
        var recentIssues: [String: Date] = [:]
    }

    private let key: SymmetricKey?
    private let trigger: PollTrigger
    private let capacity: Int
    private let state = Mutex(State())

    /// Creates a receiver.
    /// - Parameters:
    ///   - secret: the webhook secret (`JIRA_WEBHOOK_SECRET`), `nil` to accept unsigned deliveries.
    ///   - trigger: fired for every accepted delivery.
    ///   - capacity: how many identifiers (and issue ids) are remembered.
    public init(secret: String?, trigger: PollTrigger, capacity: Int = 10_000) {
        key = secret.flatMap { $0.isEmpty ? nil : SymmetricKey(data: Data($0.utf8)) }
        self.trigger = trigger
        self.capacity = max(1, capacity)
    }

    /// Whether deliveries must be signed.
    public var requiresSignature: Bool { key != nil }

    /// Handles one delivery.
    /// - Parameters:
    ///   - body: the raw request body, exactly as received.
    ///   - signature: the `X-Hub-Signature` header.
    ///   - identifier: the `X-Atlassian-Webhook-Identifier` header.
    ///   - receivedAt: when it arrived.
    public func receive(body: Data, signature: String?, identifier: String?, receivedAt: Date = Date()) -> Outcome {
        if let key, !Self.isValid(signature: signature, body: body, key: key) { return .badSignature }
        let isNew = state.withLock { state -> Bool in
            if let identifier {
                guard state.identifiers.insert(identifier).inserted else { return false }
                state.identifierOrder.append(identifier)
                if state.identifierOrder.count > capacity {
                    state.identifiers.remove(state.identifierOrder.removeFirst())
                }
            }
            if let issueId = Self.issueId(in: body) {
                state.recentIssues[issueId] = receivedAt
                if state.recentIssues.count > capacity, let oldest = state.recentIssues.min(by: { $0.value < $1.value }) {
                    state.recentIssues.removeValue(forKey: oldest.key)
                }
            }
            return true
        }
        guard isNew else { return .duplicate }
        trigger.fire()
        return .accepted
    }

    /// Issue ids named by deliveries received since `date`, most recent first.
    public func issueIds(receivedSince date: Date) -> [String] {
        state.withLock { state in
            state.recentIssues = state.recentIssues.filter { $0.value >= date }
            return state.recentIssues.sorted { $0.value > $1.value }.map(\.key)
        }
    }

    /// `sha256=<hex>` checked in constant time against the HMAC of `body`.
    static func isValid(signature: String?, body: Data, key: SymmetricKey) -> Bool {
        guard let signature, signature.lowercased().hasPrefix("sha256="),
            let mac = Self.bytes(hex: String(signature.dropFirst("sha256=".count)))
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key)
    }

    /// The signature Jira sends for `body` (tests and tools).
    public static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `issue.id` of a `jira:issue_*` or `comment_*` payload, when present.
    private static func issueId(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let issue = object["issue"] as? [String: Any]
        else { return nil }
        if let id = issue["id"] as? String { return id }
        return (issue["id"] as? NSNumber)?.stringValue
    }
}
