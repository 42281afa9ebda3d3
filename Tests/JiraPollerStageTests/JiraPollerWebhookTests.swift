import AsyncHTTPClient
import Foundation
import JiraPollerStage
import NIOCore
import Testing

extension JiraPollerEndToEndTests {
    /// With a 10-minute poll interval, a change seen within the deadline was seen because of a webhook.
    @Test("webhook: a signed delivery polls before the interval; a bad signature gets 401; a repeated identifier is ignored")
    func webhookNudge() async throws {
        let secret = "webhook-secret"
        let bed = try await PollerTestBed(pollIntervalSeconds: 600)
        try bed.startPoller(extraEnvironment: ["JIRA_WEBHOOK_SECRET": secret])
        do {
            let port = try await bed.deployment.httpPort(of: JiraPollerStage.name)
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

            let settled = try await searchesSettled(bed)
            #expect(try await post(url, body: body, signature: signature, identifier: "t-1") == 202)
            let afterFirst = try await searchesSettled(bed, above: settled)
            #expect(afterFirst > settled, "the accepted delivery triggered a poll")
            #expect(try await post(url, body: body, signature: signature, identifier: "t-1") == 200)
            #expect(try await searchesSettled(bed) == afterFirst, "the repeated delivery triggered no poll")
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
        try bed.startPoller()
        do {
            let port = try await bed.deployment.httpPort(of: JiraPollerStage.name)
            try #require(try await bed.waitForCheckpoint())
            try await bed.jira.registerWebhook(url: "http://127.0.0.1:\(port)/webhook/jira", secret: nil)
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

    private func post(_ url: String, body: Data, signature: String?, identifier: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Atlassian-Webhook-Identifier", value: identifier)
        if let signature { request.headers.add(name: "X-Hub-Signature", value: signature) }
        request.body = .bytes(ByteBuffer(bytes: Array(body)))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code)
    }

    /// The simulator's search count once it has stayed the same for two seconds (and, if given,
    /// exceeds `minimum`): polls in flight are over.
    private func searchesSettled(_ bed: PollerTestBed, above minimum: Int? = nil) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(90)
        var last = try await bed.jira.requestCount(containing: "search")
        var stableSince = ContinuousClock.now
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            let count = try await bed.jira.requestCount(containing: "search")
            if count != last {
                last = count
                stableSince = ContinuousClock.now
            } else if ContinuousClock.now - stableSince >= .seconds(2), minimum.map({ last > $0 }) ?? true {
                return last
            }
        }
        return last
    }
}
