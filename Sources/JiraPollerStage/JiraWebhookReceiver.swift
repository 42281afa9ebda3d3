import Crypto
import Foundation
import StageRuntime
import Synchronization

/// Handles Jira webhook deliveries for jira-poller: a nudge, never a source of truth.
///
/// - Authenticity: `X-Hub-Signature` must be `sha256=<hex HMAC-SHA256(secret, raw body)>` (Jira's
///   admin-webhook format, WebSub style), checked in constant time before the body is read; there
///   is no unsigned mode (without a secret jira-poller serves no webhook at all).
/// - Retries and replays: Jira keeps `X-Atlassian-Webhook-Identifier` across retries of one
///   delivery, but the signature does not cover that header, so a captured delivery could be
///   re-sent under a fresh identifier. A delivery is therefore also a duplicate when its signed
///   body was accepted before, and stale when the body's `timestamp` (epoch ms, signed) is older
///   than ``maximumAge``: a replay is acknowledged and ignored either way.
/// - Effect: an accepted delivery fires the ``PollTrigger`` (which coalesces bursts) and remembers
///   the issue id it names, which the next polls send as `reconcileIssues` (Cloud) so a lagging
///   search index still returns it.
package final class JiraWebhookReceiver: Sendable {
    /// What happened to a delivery.
    package enum Outcome: Sendable, Hashable {
        /// New and authentic: a poll was requested.
        case accepted
        /// An identifier or a signed body already handled (a retry or a replay): nothing done.
        case duplicate
        /// Authentic but older than ``JiraWebhookReceiver/maximumAge`` (a replay): nothing done.
        case stale
        /// The signature is missing or wrong.
        case badSignature
    }

    /// The shortest secret accepted: a short one could be guessed by signing attempts.
    package static let minimumSecretLength = 16
    /// How old (by its signed `timestamp`) a delivery may be. Jira retries for up to about an hour
    /// and a half; anything older is a replay, and polling has long seen the change anyway.
    package static let maximumAge: TimeInterval = 2 * 60 * 60

    private struct State {
        var identifiers = RecentSet()
        var bodies = RecentSet()
        var recentIssues: [String: Date] = [:]
    }

    private let key: SymmetricKey
    private let trigger: PollTrigger
    private let capacity: Int
    private let state = Mutex(State())

    /// Creates a receiver.
    /// - Parameters:
    ///   - secret: the webhook secret (`JIRA_WEBHOOK_SECRET`), at least ``minimumSecretLength`` characters.
    ///   - trigger: fired for every accepted delivery.
    ///   - capacity: how many identifiers, bodies and issue ids are remembered.
    /// - Throws: ``JiraWebhookSecretError`` when the secret is too short.
    package init(secret: String, trigger: PollTrigger, capacity: Int = 10_000) throws(JiraWebhookSecretError) {
        guard secret.count >= Self.minimumSecretLength else { throw JiraWebhookSecretError() }
        key = SymmetricKey(data: Data(secret.utf8))
        self.trigger = trigger
        self.capacity = max(1, capacity)
    }

    /// Handles one delivery.
    /// - Parameters:
    ///   - body: the raw request body, exactly as received.
    ///   - signature: the `X-Hub-Signature` header.
    ///   - identifier: the `X-Atlassian-Webhook-Identifier` header.
    ///   - receivedAt: when it arrived.
    package func receive(body: Data, signature: String?, identifier: String?, receivedAt: Date = Date()) -> Outcome {
        guard let mac = Self.verifiedMAC(signature: signature, body: body, key: key) else { return .badSignature }
        let payload = Self.payload(body)
        if let sent = payload.timestamp, receivedAt.timeIntervalSince(sent) > Self.maximumAge { return .stale }
        let bodyDigest = mac.map { String(format: "%02x", $0) }.joined()
        let isNew = state.withLock { state -> Bool in
            if let identifier, state.identifiers.contains(identifier) { return false }
            guard !state.bodies.contains(bodyDigest) else { return false }
            if let identifier { state.identifiers.insert(identifier, at: receivedAt, capacity: capacity) }
            state.bodies.insert(bodyDigest, at: receivedAt, capacity: capacity)
            state.bodies.forget(before: receivedAt.addingTimeInterval(-2 * Self.maximumAge))
            if let issueId = payload.issueId {
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
    package func issueIds(receivedSince date: Date) -> [String] {
        state.withLock { state in
            state.recentIssues = state.recentIssues.filter { $0.value >= date }
            return state.recentIssues.sorted { $0.value > $1.value }.map(\.key)
        }
    }

    /// The MAC of a `sha256=<hex>` signature that matches `body` (checked in constant time), else `nil`.
    static func verifiedMAC(signature: String?, body: Data, key: SymmetricKey) -> [UInt8]? {
        guard let signature, signature.lowercased().hasPrefix("sha256="),
            let mac = Self.bytes(hex: String(signature.dropFirst("sha256=".count))),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key)
        else { return nil }
        return mac
    }

    /// The signature Jira sends for `body` (tests and tools).
    package static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * SHA256.byteCount else { return nil }
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

    /// `issue.id` and `timestamp` of a `jira:issue_*` or `comment_*` payload, when present.
    private static func payload(_ body: Data) -> (issueId: String?, timestamp: Date?) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return (nil, nil) }
        let timestamp = (object["timestamp"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        guard let issue = object["issue"] as? [String: Any] else { return (nil, timestamp) }
        let id = (issue["id"] as? String) ?? (issue["id"] as? NSNumber)?.stringValue
        return (id, timestamp)
    }
}

/// `JIRA_WEBHOOK_SECRET` is too short to resist guessing.
package struct JiraWebhookSecretError: Error, Sendable, CustomStringConvertible {
    package var description: String {
        "JIRA_WEBHOOK_SECRET must be at least \(JiraWebhookReceiver.minimumSecretLength) characters (use a random one, e.g. `openssl rand -hex 32`)"
    }
}
