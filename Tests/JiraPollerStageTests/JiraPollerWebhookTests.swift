import AsyncHTTPClient
import Foundation
import JiraPollerStage
import NIOCore
import StageRuntime
import Testing

extension JiraPollerEndToEndTests {
    static let webhookSecret = "webhook-secret-for-the-tests"

    /// With a 10-minute poll interval, a change seen within the deadline was seen because of a webhook.
    @Test("webhook: a signed delivery polls before the interval; a bad signature gets 401; a repeated identifier is ignored")
    func webhookNudge() async throws {
        let secret = Self.webhookSecret
        let bed = try await PollerTestBed(pollIntervalSeconds: 600)
        try bed.startPoller(extraEnvironment: ["JIRA_WEBHOOK_SECRET": secret])
        do {
            let port = try await bed.deployment.webhookPort(of: JiraPollerStage.name)
            let url = "http://127.0.0.1:\(port)/webhook/jira"
            try #require(try await bed.waitForCheckpoint())
            try await bed.jira.registerWebhook(url: url, secret: secret)
            let issue = try await bed.createLinkedIssue(summary: "[Guance] hook")
            _ = try await bed.jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "nudged")
            let events = try await bed.waitForEvents(timeout: .seconds(120)) { $0.map(describe).contains("created:nudged") }
            #expect(events.map(describe) == ["created:nudged"])

            let body = Data(#"{"webhookEvent":"comment_created","issue":{"id":"\#(issue.id)"}}"#.utf8)
            let signature = JiraWebhookReceiver.signature(body: body, secret: secret)
            #expect(try await post(url, body: body, signature: "sha256=" + String(repeating: "0", count: 64), identifier: "t-0") == 401)
            #expect(try await post(url, body: body, signature: nil, identifier: "t-0") == 401)

            // Five quiet seconds, not two: on a loaded CI machine one poll's searches came more than
            // two seconds apart, and the later ones were counted against the repeated delivery.
            let settled = try await searchesSettled(bed, quiet: .seconds(5))
            #expect(try await post(url, body: body, signature: signature, identifier: "t-1") == 202)
            let afterFirst = try await searchesSettled(bed, above: settled, quiet: .seconds(5))
            #expect(afterFirst > settled, "the accepted delivery triggered a poll")
            #expect(try await post(url, body: body, signature: signature, identifier: "t-1") == 200)
            #expect(try await post(url, body: body, signature: signature, identifier: "t-1-replayed") == 200)
            #expect(try await searchesSettled(bed, quiet: .seconds(5)) == afterFirst, "the repeated and the replayed delivery triggered no poll")
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }

    /// The search index lags 10 minutes, far beyond the 2-minute overlap: only `reconcileIssues`
    /// (Cloud) makes the issues a webhook named visible to the poller's search.
    @Test("Cloud search lag beyond the overlap: issues named by webhooks are reconciled and their changes seen")
    func searchLagReconciled() async throws {
        let bed = try await PollerTestBed(simulatorArguments: ["--jira-search-lag", "600"])
        try bed.startPoller(extraEnvironment: ["JIRA_WEBHOOK_SECRET": Self.webhookSecret])
        do {
            let port = try await bed.deployment.webhookPort(of: JiraPollerStage.name)
            try #require(try await bed.waitForCheckpoint())
            try await bed.jira.registerWebhook(url: "http://127.0.0.1:\(port)/webhook/jira", secret: Self.webhookSecret)
            let issue = try await bed.createLinkedIssue(summary: "[Guance] lag")
            _ = try await bed.jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "despite the lag")
            try await bed.expectEvent("created:despite the lag")
            try await bed.jira.transition(as: JiraSimControl.human, issue: issue.key, toCategory: "done")
            try await bed.expectEvent("status:done")
            #expect(try await bed.events().map(describe).sorted() == ["created:despite the lag", "status:done"])
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }

    /// Measured before: without a secret any body got 202 and a search, and 20 deliveries within
    /// 0.2 s started 14–15 searches; the webhook shared the health port with `/metrics`.
    @Test("webhook: its own listener, no listener without a secret, bodies capped, bursts coalesced")
    func webhookListenerIsolationAndLimits() async throws {
        let bed = try await PollerTestBed(pollIntervalSeconds: 600)
        try bed.startPoller()
        do {
            let healthPort = try await bed.deployment.httpPort(of: JiraPollerStage.name)
            try #require(try await bed.waitForCheckpoint())
            let body = Data(#"{"webhookEvent":"comment_created","issue":{"id":"10001"}}"#.utf8)
            #expect(try await post("http://127.0.0.1:\(healthPort)/webhook/jira", body: body, signature: nil, identifier: "x") == 404,
                    "no webhook route on the health port")
            #expect(!bed.deployment.logLines(of: JiraPollerStage.name).contains { $0.contains("webhook.port") },
                    "without a secret there is no webhook listener")
        } catch is ExpectationFailedError {
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()

        let signed = try await PollerTestBed(pollIntervalSeconds: 600)
        try signed.startPoller(extraEnvironment: ["JIRA_WEBHOOK_SECRET": Self.webhookSecret])
        do {
            let healthPort = try await signed.deployment.httpPort(of: JiraPollerStage.name)
            let webhookPort = try await signed.deployment.webhookPort(of: JiraPollerStage.name)
            #expect(healthPort != webhookPort)
            try #require(try await signed.waitForCheckpoint())
            #expect(try await get("http://127.0.0.1:\(webhookPort)/metrics") == 404, "no /metrics on the webhook listener")
            #expect(try await get("http://127.0.0.1:\(webhookPort)/readyz") == 404, "no /readyz on the webhook listener")
            #expect(try await get("http://127.0.0.1:\(healthPort)/metrics") == 200)
            let url = "http://127.0.0.1:\(webhookPort)/webhook/jira"

            let large = Data(count: JiraPollerStage.maxWebhookBytes + 1)
            #expect(try await post(url, body: large, signature: JiraWebhookReceiver.signature(body: large, secret: Self.webhookSecret), identifier: "big") == 413)

            // One nudged poll costs this many searches (an empty first page, plus reconciliation).
            let settled = try await searchesSettled(signed)
            let now = Int(Date().timeIntervalSince1970 * 1000)
            let one = Data(#"{"timestamp":\#(now),"webhookEvent":"comment_created","issue":{"id":"10001"}}"#.utf8)
            #expect(try await post(url, body: one, signature: JiraWebhookReceiver.signature(body: one, secret: Self.webhookSecret), identifier: "one") == 202)
            let perPoll = try await searchesSettled(signed, above: settled) - settled
            #expect(perPoll >= 1)

            // A burst of 20 distinct signed deliveries.
            let beforeBurst = try await searchesSettled(signed)
            let began = ContinuousClock.now
            for index in 0..<20 {
                let body = Data(#"{"timestamp":\#(now + 1 + index),"webhookEvent":"comment_created","issue":{"id":"10001"}}"#.utf8)
                let signature = JiraWebhookReceiver.signature(body: body, secret: Self.webhookSecret)
                #expect(try await post(url, body: body, signature: signature, identifier: "burst-\(index)") == 202)
            }
            let burstDuration = ContinuousClock.now - began
            let afterBurst = try await searchesSettled(signed, above: beforeBurst)
            // At most one poll at once plus one per started spacing interval the burst lasted.
            let allowedPolls = 2 + Int(burstDuration / PollTrigger.defaultNudgeSpacing)
            print("webhook burst: 20 deliveries in \(burstDuration) cost \(afterBurst - beforeBurst) searches (\(perPoll) per poll)")
            #expect(afterBurst - beforeBurst <= allowedPolls * perPoll,
                    "20 deliveries in \(burstDuration) cost \(afterBurst - beforeBurst) searches; \(perPoll) per poll")
        } catch is ExpectationFailedError {
        } catch {
            Issue.record("\(error)")
        }
        await signed.stop()
    }

    @Test("jira-poller refuses a webhook secret shorter than 16 characters (exit 78)")
    func shortWebhookSecret() async throws {
        let bed = try await PollerTestBed()
        let poller = try bed.startPoller(extraEnvironment: ["JIRA_WEBHOOK_SECRET": "short"])
        let code = try await poller.waitForExit(timeout: .seconds(60))
        #expect(code == 78)
        await bed.stop()
    }

    private func post(_ url: String, body: Data, signature: String?, identifier: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Atlassian-Webhook-Identifier", value: identifier)
        if let signature { request.headers.add(name: "X-Hub-Signature", value: signature) }
        request.body = .bytes(ByteBuffer(bytes: Array(body)))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code)
    }

    private func get(_ url: String) async throws -> Int {
        Int(try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30)).status.code)
    }

    /// The simulator's search count once it has stayed the same for `quiet` (and, if given,
    /// exceeds `minimum`): polls in flight are over.
    private func searchesSettled(_ bed: PollerTestBed, above minimum: Int? = nil, quiet: Duration = .seconds(2)) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(90)
        var last = try await bed.jira.requestCount(containing: "search")
        var stableSince = ContinuousClock.now
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            let count = try await bed.jira.requestCount(containing: "search")
            if count != last {
                last = count
                stableSince = ContinuousClock.now
            } else if ContinuousClock.now - stableSince >= quiet, minimum.map({ last > $0 }) ?? true {
                return last
            }
        }
        return last
    }
}
