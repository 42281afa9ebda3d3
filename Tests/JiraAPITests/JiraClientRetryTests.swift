import Foundation
import JiraAPI
import RichText
import PipelineTesting
import Testing

/// Retry, throttling and error classification over real HTTP against a scripted server.
@Suite("Client retries and errors over HTTP")
struct JiraClientRetryTests {
    private static let issueJSON = #"{"id":"10000","key":"OPS-1","fields":{"summary":"s","updated":"2024-01-02T03:04:05.678+0800"}}"#
    private static let createdJSON = #"{"id":"10000","key":"OPS-1","self":"x"}"#

    private func draft() -> JiraIssueDraft {
        JiraIssueDraft(project: "OPS", issueTypeId: "10004", summary: "s", labels: ["guance"])
    }

    @Test("A burst 429 with Retry-After is waited out and the GET retried")
    func burstRetryAfter() async throws {
        let sleeper = RecordingSleeper()
        let server = ScriptedJiraServer { _, index in
            index == 0
                ? .json(429, #"{"errorMessages":["Rate limit exceeded."]}"#, headers: ["Retry-After": "2", "RateLimit-Reason": "jira-burst-based"])
                : .json(200, Self.issueJSON)
        }
        let issue = try await server.run { url in
            try await JiraTestSupport.client(url, sleeper: sleeper).issue("OPS-1")
        }
        #expect(issue.key == "OPS-1")
        #expect(server.requests.count == 2)
        let waits = sleeper.recorded.map(JiraTestSupport.seconds)
        #expect(waits.count == 1)
        #expect(waits.allSatisfy { $0 > 1 && $0 <= 2 })
    }

    @Test("Without Retry-After: 5 s doubling (jitter fixed at ×1.0), four retries, then the 429 surfaces")
    func backoffExhausted() async throws {
        let sleeper = RecordingSleeper()
        let server = ScriptedJiraServer { _, _ in .json(429, #"{"errorMessages":["slow down"]}"#) }
        let error = try await server.run { url in
            try await #require(throws: JiraAPIError.self) {
                try await JiraTestSupport.client(url, sleeper: sleeper).issue("OPS-1")
            }
        }
        #expect(error.isThrottled)
        #expect(error.isRetriable)
        #expect(server.requests.count == 5)
        let waits = sleeper.recorded.map(JiraTestSupport.seconds)
        #expect(waits.count == 4)
        for (wait, expected) in zip(waits, [5.0, 10, 20, 30]) {
            #expect(wait > expected - 1 && wait <= expected)
        }
    }

    @Test("5xx on a GET is retried; a malformed 200 body is retried too")
    func serverErrorsOnReads() async throws {
        let sleeper = RecordingSleeper()
        let server = ScriptedJiraServer { _, index in
            switch index {
            case 0: .json(502, "<html>bad gateway</html>")
            case 1: .json(200, #"{"id":"10000","key":"#)
            default: .json(200, Self.issueJSON)
            }
        }
        let issue = try await server.run { url in
            try await JiraTestSupport.client(url, sleeper: sleeper).issue("OPS-1")
        }
        #expect(issue.id == "10000")
        #expect(server.requests.count == 3)
        #expect(JiraTestSupport.approximatelyEqual(sleeper.recorded, [5, 10]))
    }

    @Test("Create issue is never retried: 503 and unreadable 201 are ambiguous, 429 surfaces as is")
    func createNeverRetried() async throws {
        for (status, body) in [(503, ""), (201, "{not json"), (429, "")] {
            let sleeper = RecordingSleeper()
            let server = ScriptedJiraServer { _, _ in .json(status, body) }
            let error = try await server.run { url in
                try await #require(throws: JiraAPIError.self) {
                    try await JiraTestSupport.client(url, sleeper: sleeper).createIssue(draft())
                }
            }
            #expect(server.requests.count == 1, "status \(status) must not be retried")
            #expect(sleeper.recorded.isEmpty)
            #expect(error.isOutcomeUnknown == (status != 429))
            #expect(error.isThrottled == (status == 429))
        }
    }

    @Test("Add comment is never retried on a server error")
    func addCommentNeverRetried() async throws {
        let server = ScriptedJiraServer { _, _ in .json(500, #"{"errorMessages":["boom"]}"#) }
        let error = try await server.run { url in
            try await #require(throws: JiraAPIError.self) {
                try await JiraTestSupport.client(url, flavor: .fixed(.dataCenter)).addComment(issue: "OPS-1", body: .wiki("hi"))
            }
        }
        #expect(error.isOutcomeUnknown)
        #expect(server.requests.count == 1)
    }

    @Test("A per-issue write limit delays only that issue's writes")
    func perIssueWriteLimit() async throws {
        let sleeper = RecordingSleeper()
        let server = ScriptedJiraServer { request, _ in
            request.path.hasSuffix("/issue/OPS-1/properties/guance.sync") && request.method == "PUT" && !request.query.contains("second")
                ? .json(429, "", headers: ["Retry-After": "30", "RateLimit-Reason": "jira-per-issue-on-write"])
                : ScriptedResponse(status: 204)
        }
        try await server.run { url in
            let client = JiraTestSupport.client(url, sleeper: sleeper, maximumRetries: 0)
            let error = try await #require(throws: JiraAPIError.self) {
                try await client.setIssueProperty(issue: "OPS-1", key: "guance.sync", value: .object([:]))
            }
            #expect(error.rateLimit?.reason == .perIssueWrite)
            try await client.setIssueProperty(issue: "OPS-2", key: "guance.sync", value: .object([:]))
            _ = try? await client.issue("OPS-1")
            #expect(sleeper.recorded.isEmpty, "other issues and reads are not delayed")
            try? await client.setIssueProperty(issue: "OPS-1", key: "guance.sync", value: .object([:]))
            let waits = sleeper.recorded.map(JiraTestSupport.seconds)
            #expect(waits.count == 1)
            // The rest of Retry-After (30 s) since the 429: how much of it remains depends on how
            // long this machine took in between, never more than 30 s.
            #expect(waits.allSatisfy { $0 > 0 && $0 <= 30 }, "\(waits)")
        }
    }

    @Test("A quota limit pauses every call until the reset, without sending requests meanwhile")
    func quotaPause() async throws {
        let reset = JiraTimestamp.format(Date().addingTimeInterval(1800))
        let server = ScriptedJiraServer { _, _ in
            .json(429, "", headers: ["RateLimit-Reason": "jira-quota-tenant-based", "X-RateLimit-Reset": reset])
        }
        try await server.run { url in
            let client = JiraTestSupport.client(url)
            let first = try await #require(throws: JiraAPIError.self) { try await client.myself() }
            #expect(first.rateLimit?.reason == .quota)
            let second = try await #require(throws: JiraAPIError.self) { try await client.issue("OPS-9") }
            #expect(second.isThrottled)
            #expect(second.rateLimit?.reason == .quota)
            #expect(try #require(second.rateLimit?.retryAfter) > .seconds(1700))
            #expect(server.requests.count == 1)
        }
    }

    @Test("HTTP errors carry status and field keys; 4xx are not retried")
    func typedErrors() async throws {
        let server = ScriptedJiraServer { _, _ in
            .json(400, #"{"errorMessages":[],"errors":{"labels":"Le libellé 'a b' contient des espaces."},"status":400}"#)
        }
        let error = try await server.run { url in
            try await #require(throws: JiraAPIError.self) {
                try await JiraTestSupport.client(url).updateIssue("OPS-1", JiraIssueEdit(addLabels: ["a b"]))
            }
        }
        #expect(error.httpStatus == 400)
        #expect(error.hasFieldError("labels"))
        #expect(!error.isRetriable)
        #expect(server.requests.count == 1)
        #expect(!"\(error)".contains(JiraTestSupport.apiToken))
    }

    @Test("The wrong rich-text representation is refused before anything is sent")
    func richTextMismatch() async throws {
        let server = ScriptedJiraServer { _, _ in .json(201, Self.createdJSON) }
        try await server.run { url in
            var cloudDraft = draft()
            cloudDraft.description = .wiki("*wiki*")
            await #expect(throws: JiraAPIError.self) { try await JiraTestSupport.client(url).createIssue(cloudDraft) }
            let adf = JiraRichText.adf(.document([]))
            await #expect(throws: JiraAPIError.self) {
                try await JiraTestSupport.client(url, flavor: .fixed(.dataCenter)).addComment(issue: "OPS-1", body: adf)
            }
        }
        #expect(server.requests.isEmpty)
    }

    @Test("A refused connection: reads are retried then fail as transport errors; a create is not ambiguous")
    func connectionRefused() async throws {
        let sleeper = RecordingSleeper()
        let refusing = try RefusingPort()
        let url = refusing.baseURL
        let client = JiraTestSupport.client(url, sleeper: sleeper, maximumRetries: 2, requestTimeout: .milliseconds(500))
        let readError = try await #require(throws: JiraAPIError.self) { try await client.issue("OPS-1") }
        #expect(readError.isRetriable)
        #expect(sleeper.recorded.count == 2)
        let createError = try await #require(throws: JiraAPIError.self) { try await client.createIssue(draft()) }
        #expect(!createError.isOutcomeUnknown)
        withExtendedLifetime(refusing) {}
    }

    @Test("An unusable base URL fails at once without retries")
    func misconfiguredBaseURL() async throws {
        let sleeper = RecordingSleeper()
        let client = JiraTestSupport.client("ftp://127.0.0.1:9", sleeper: sleeper)
        let error = try await #require(throws: JiraAPIError.self) { try await client.issue("OPS-1") }
        guard case .invalidRequest = error.kind else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(sleeper.recorded.isEmpty)
    }
}
