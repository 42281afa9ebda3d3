import Foundation
import JiraPollerStage
import StageRuntime
import Testing

@Suite("Webhook receiver: signature, retries, replays, nudge")
struct JiraWebhookReceiverTests {
    private static let secret = "webhook-secret-0123456789"
    private let body = Data(#"{"timestamp":1536083559131,"webhookEvent":"comment_created","issue":{"id":"10042","key":"OPS-7"}}"#.utf8)
    /// When `body` arrived (its signed timestamp is 2018-09-04T17:52:39Z).
    private let arrival = Date(timeIntervalSince1970: 1_536_083_560)

    private func receiver(_ trigger: PollTrigger = PollTrigger()) throws -> JiraWebhookReceiver {
        try JiraWebhookReceiver(secret: Self.secret, trigger: trigger)
    }

    /// Fixed vectors computed outside this code base (`openssl dgst -sha256 -hmac`), for the scheme
    /// Atlassian documents for admin webhooks: `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`
    /// (WebSub; the same as GitHub's documented example `Hello, World!`).
    @Test("the signature scheme matches fixed test vectors", arguments: [
        (
            "It's a Secret to Everybody", "Hello, World!",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        ),
        (
            "It's a Secret to Everybody",
            #"{"timestamp":1536083559131,"webhookEvent":"jira:issue_updated","issue_event_type_name":"issue_generic","issue":{"id":"10000","key":"OPS-24"}}"#,
            "sha256=2585a7e1ed74eacb7c9e29d9334b4051c5b7aa962b017238d70d731aea3cff2b"
        ),
    ])
    func testVectors(secret: String, body: String, expected: String) throws {
        #expect(JiraWebhookReceiver.signature(body: Data(body.utf8), secret: secret) == expected)
        let trigger = PollTrigger()
        let receiver = try JiraWebhookReceiver(secret: secret, trigger: trigger)
        let sent = Date(timeIntervalSince1970: 1_536_083_560)
        #expect(receiver.receive(body: Data(body.utf8), signature: expected, identifier: "v", receivedAt: sent) == .accepted)
        #expect(receiver.receive(body: Data(body.utf8), signature: expected.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="), identifier: "w", receivedAt: sent) == .duplicate)
        let other = try JiraWebhookReceiver(secret: secret, trigger: PollTrigger())
        #expect(other.receive(body: Data((body + " ").utf8), signature: expected, identifier: "v", receivedAt: sent) == .badSignature)
    }

    @Test("a correctly signed delivery is accepted and nudges the poller")
    func validSignature() async throws {
        let trigger = PollTrigger()
        let receiver = try receiver(trigger)
        let outcome = receiver.receive(
            body: body, signature: JiraWebhookReceiver.signature(body: body, secret: Self.secret), identifier: "a-1",
            receivedAt: arrival)
        #expect(outcome == .accepted)
        #expect(trigger.isPending)
        #expect(receiver.issueIds(receivedSince: .distantPast) == ["10042"])
    }

    @Test("a wrong, truncated, foreign or missing signature is rejected without a nudge", arguments: [
        "sha256=00", "sha256=zz", "sha1=abcdef", "", nil, "sha256=" + String(repeating: "0", count: 64),
    ] as [String?])
    func badSignature(signature: String?) throws {
        let trigger = PollTrigger()
        let receiver = try receiver(trigger)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1", receivedAt: arrival) == .badSignature)
        #expect(!trigger.isPending)
        #expect(receiver.issueIds(receivedSince: .distantPast).isEmpty, "an unsigned body names no issue to reconcile")
    }

    @Test("a signature made with another secret or over another body is rejected")
    func signatureOfSomethingElse() throws {
        let receiver = try receiver()
        let otherSecret = JiraWebhookReceiver.signature(body: body, secret: "another-secret-0123456789")
        let otherBody = JiraWebhookReceiver.signature(body: Data("{}".utf8), secret: Self.secret)
        #expect(receiver.receive(body: body, signature: otherSecret, identifier: "a-1", receivedAt: arrival) == .badSignature)
        #expect(receiver.receive(body: body, signature: otherBody, identifier: "a-2", receivedAt: arrival) == .badSignature)
    }

    @Test("a repeated X-Atlassian-Webhook-Identifier is ignored and does not nudge again")
    func duplicateIdentifier() async throws {
        let trigger = PollTrigger(nudgeSpacing: .zero)
        let receiver = try receiver(trigger)
        let signature = JiraWebhookReceiver.signature(body: body, secret: Self.secret)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1", receivedAt: arrival) == .accepted)
        await trigger.wait(upTo: .seconds(60))
        #expect(!trigger.isPending)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1", receivedAt: arrival) == .duplicate)
        #expect(!trigger.isPending)
        let next = Data(#"{"timestamp":1536083559999,"webhookEvent":"comment_created","issue":{"id":"10042"}}"#.utf8)
        let nextSignature = JiraWebhookReceiver.signature(body: next, secret: Self.secret)
        #expect(receiver.receive(body: next, signature: nextSignature, identifier: "a-2", receivedAt: arrival) == .accepted)
        #expect(trigger.isPending)
    }

    /// The identifier header is not covered by the signature: a captured delivery re-sent under a
    /// fresh identifier must not count as new.
    @Test("a captured delivery replayed under a new identifier is a duplicate")
    func replayUnderNewIdentifier() throws {
        let trigger = PollTrigger()
        let receiver = try receiver(trigger)
        let signature = JiraWebhookReceiver.signature(body: body, secret: Self.secret)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1", receivedAt: arrival) == .accepted)
        _ = receiver.issueIds(receivedSince: .distantFuture)
        for replay in 0..<5 {
            #expect(receiver.receive(body: body, signature: signature, identifier: "forged-\(replay)", receivedAt: arrival) == .duplicate)
            #expect(receiver.receive(body: body, signature: signature, identifier: nil, receivedAt: arrival) == .duplicate)
        }
        #expect(receiver.issueIds(receivedSince: .distantPast).isEmpty, "replays name no issue to reconcile")
    }

    @Test("a delivery whose signed timestamp is older than two hours is stale and ignored")
    func staleDelivery() throws {
        let trigger = PollTrigger()
        let receiver = try receiver(trigger)
        let signature = JiraWebhookReceiver.signature(body: body, secret: Self.secret)
        let late = arrival.addingTimeInterval(JiraWebhookReceiver.maximumAge + 60)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1", receivedAt: late) == .stale)
        #expect(!trigger.isPending)
        let retried = arrival.addingTimeInterval(90 * 60)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1", receivedAt: retried) == .accepted)
    }

    @Test("a secret shorter than 16 characters is refused", arguments: ["", "s3cret", "fifteen-chars!!"])
    func shortSecret(secret: String) {
        #expect(throws: JiraWebhookSecretError.self) { try JiraWebhookReceiver(secret: secret, trigger: PollTrigger()) }
    }

    @Test("a nudge wakes a waiting poller long before its interval", .timeLimit(.minutes(1)))
    func nudgeWakesWaiter() async {
        let trigger = PollTrigger()
        let waiter = Task { await trigger.wait(upTo: .seconds(3600)) }
        // Whether the waiter registered yet or not, one fire ends its wait (an early fire stays pending).
        trigger.fire()
        await waiter.value
        #expect(!trigger.isPending)
    }
}
