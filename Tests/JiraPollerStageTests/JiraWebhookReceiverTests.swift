import Foundation
import JiraPollerStage
import StageRuntime
import Testing

@Suite("Webhook receiver: signature, retries, nudge")
struct JiraWebhookReceiverTests {
    private let body = Data(#"{"webhookEvent":"comment_created","issue":{"id":"10042","key":"OPS-7"}}"#.utf8)

    @Test("a correctly signed delivery is accepted and nudges the poller")
    func validSignature() async {
        let trigger = PollTrigger()
        let receiver = JiraWebhookReceiver(secret: "s3cret", trigger: trigger)
        let outcome = receiver.receive(
            body: body, signature: JiraWebhookReceiver.signature(body: body, secret: "s3cret"), identifier: "a-1")
        #expect(outcome == .accepted)
        #expect(trigger.isPending)
        #expect(receiver.issueIds(receivedSince: .distantPast) == ["10042"])
    }

    @Test("a wrong, foreign or missing signature is rejected without a nudge", arguments: [
        "sha256=00", "sha256=zz", "sha1=abcdef", "", nil,
    ] as [String?])
    func badSignature(signature: String?) {
        let trigger = PollTrigger()
        let receiver = JiraWebhookReceiver(secret: "s3cret", trigger: trigger)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1") == .badSignature)
        #expect(!trigger.isPending)
    }

    @Test("a signature made with another secret or over another body is rejected")
    func signatureOfSomethingElse() {
        let receiver = JiraWebhookReceiver(secret: "s3cret", trigger: PollTrigger())
        let otherSecret = JiraWebhookReceiver.signature(body: body, secret: "other")
        let otherBody = JiraWebhookReceiver.signature(body: Data("{}".utf8), secret: "s3cret")
        #expect(receiver.receive(body: body, signature: otherSecret, identifier: "a-1") == .badSignature)
        #expect(receiver.receive(body: body, signature: otherBody, identifier: "a-2") == .badSignature)
    }

    @Test("a repeated X-Atlassian-Webhook-Identifier is ignored and does not nudge again")
    func duplicateIdentifier() async {
        let trigger = PollTrigger()
        let receiver = JiraWebhookReceiver(secret: "s3cret", trigger: trigger)
        let signature = JiraWebhookReceiver.signature(body: body, secret: "s3cret")
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1") == .accepted)
        await trigger.wait(upTo: .seconds(60))
        #expect(!trigger.isPending)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-1") == .duplicate)
        #expect(!trigger.isPending)
        #expect(receiver.receive(body: body, signature: signature, identifier: "a-2") == .accepted)
        #expect(trigger.isPending)
    }

    @Test("without a secret, unsigned deliveries are accepted")
    func noSecret() {
        let trigger = PollTrigger()
        let receiver = JiraWebhookReceiver(secret: nil, trigger: trigger)
        #expect(!receiver.requiresSignature)
        #expect(receiver.receive(body: body, signature: nil, identifier: nil) == .accepted)
        #expect(trigger.isPending)
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
