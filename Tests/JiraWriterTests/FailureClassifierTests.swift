import JiraAPI
import JiraWriter
import SyncCore
import Testing

@Suite("Classifying Jira failures")
struct FailureClassifierTests {
    let classifier = FailureClassifier(baseDelaySeconds: 2, maximumDelaySeconds: 60, ambiguousRecheckSeconds: 15)

    static func http(_ status: Int, fields: [String: String] = [:], retryAfter: Duration? = nil) -> JiraAPIError {
        .http(JiraHTTPFailure(
            operation: "POST /rest/api/3/issue", status: status,
            errors: JiraErrorCollection(errorMessages: fields.isEmpty ? ["refusé"] : [], fieldErrors: fields),
            rateLimit: retryAfter.map { JiraRateLimitInfo(retryAfter: $0) }
        ))
    }

    @Test("A 400 with field errors dead-letters as jira-rejected-field naming the field keys")
    func rejectedField() {
        let error = Self.http(400, fields: ["labels": "The label 'a b' contains spaces", "priority": "invalide"])
        guard case .deadLetter(let reason) = classifier.classify(error, attempt: 1) else {
            Issue.record("expected a dead letter"); return
        }
        #expect(reason.code == "jira-rejected-field")
        #expect(reason.message.hasPrefix("fields [labels, priority]: "))
    }

    @Test("Other client errors dead-letter with a code per status")
    func clientErrors() {
        let cases: [(Int, String)] = [
            (400, "jira-rejected-request"), (403, "jira-forbidden"), (404, "jira-not-found"),
            (413, "jira-limit-reached"), (422, "jira-rejected-configuration"), (410, "jira-http-410"),
        ]
        for (status, code) in cases {
            guard case .deadLetter(let reason) = classifier.classify(Self.http(status), attempt: 1) else {
                Issue.record("HTTP \(status) should dead-letter"); continue
            }
            #expect(reason.code == code)
        }
    }

    @Test("429 waits as long as Retry-After says, else backs off")
    func rateLimited() {
        #expect(classifier.classify(Self.http(429, retryAfter: .milliseconds(7_500)), attempt: 1).retrySeconds == 8)
        #expect(classifier.classify(Self.http(429), attempt: 3).retrySeconds == 8)
    }

    @Test("5xx, 408, 409 and transport failures retry with exponential backoff, capped")
    func transient() {
        #expect(classifier.classify(Self.http(500), attempt: 1).retrySeconds == 2)
        #expect(classifier.classify(Self.http(502), attempt: 2).retrySeconds == 4)
        #expect(classifier.classify(Self.http(408), attempt: 3).retrySeconds == 8)
        #expect(classifier.classify(Self.http(409), attempt: 1).retrySeconds == 2)
        #expect(classifier.classify(.transport(operation: "GET", cause: "reset"), attempt: 10).retrySeconds == 60)
        #expect(classifier.classify(.malformedResponse(operation: "GET", status: 200, cause: "x"), attempt: 100).retrySeconds == 60)
        #expect(classifier.classify(Self.http(401), attempt: 1).retrySeconds == 60)
    }

    @Test("An ambiguous create is re-checked, never blindly retried or dead-lettered")
    func ambiguous() {
        let error = JiraAPIError.ambiguousOutcome(operation: "POST /rest/api/3/issue", cause: "timeout")
        #expect(classifier.classify(error, attempt: 1) == .ambiguous(seconds: 15, operation: "POST /rest/api/3/issue"))
    }

    @Test("Created without properties: link the created issue; other permanent errors dead-letter")
    func others() {
        let created = JiraCreatedIssue(id: "10", key: "OPS-10")
        #expect(classifier.classify(.createdWithoutProperties(created, cause: "403"), attempt: 1) == .createdWithoutProperties(created))
        let transition = JiraAPIError.noTransitionToCategory(issue: "OPS-1", category: "done", reachableCategories: ["new"])
        #expect(classifier.classify(transition, attempt: 1).deadLetterCode == "transition-unavailable")
        #expect(classifier.classify(.richTextMismatch(flavor: .cloud), attempt: 1).deadLetterCode == "jira-flavor-mismatch")
        #expect(classifier.classify(.invalidRequest("too many ids"), attempt: 1).deadLetterCode == "invalid-request")
    }
}

extension FailureDisposition {
    /// The retry delay, when this is a retry.
    var retrySeconds: Int? {
        if case .retry(let seconds, _) = self { return seconds }
        return nil
    }

    /// The dead-letter code, when this is a dead letter.
    var deadLetterCode: String? {
        if case .deadLetter(let reason) = self { return reason.code }
        return nil
    }
}
