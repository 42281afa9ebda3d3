import APICore
import GuanceAPI
import JiraAPI
import Testing

/// Both clients' errors answer the shared questions alike for the same situation, so a caller
/// written against `APIError` treats Guance and Jira the same way.
@Suite("APIError: one surface for both clients")
struct APIErrorSurfaceTests {
    /// What a caller written against the protocol sees.
    struct Reading: Equatable {
        var retriable: Bool
        var throttled: Bool
        var notFound: Bool
        var outcomeUnknown: Bool

        init(_ error: any APIError) {
            retriable = error.isRetriable
            throttled = error.isThrottled
            notFound = error.isNotFound
            outcomeUnknown = error.isOutcomeUnknown
        }
    }

    @Test("throttled, missing, server error, unknown outcome and refusal read the same on both sides")
    func sameSituationsSameAnswers() {
        let endpoint = "POST /api/v1/issue/add"
        let pairs: [(guance: any APIError, jira: any APIError, expected: Reading)] = [
            (
                GuanceAPIError(kind: .throttled(.apiKey), endpoint: endpoint, httpStatus: 401),
                JiraAPIError.http(JiraHTTPFailure(operation: "createIssue", status: 429)),
                reading(retriable: true, throttled: true)
            ),
            (
                GuanceAPIError(kind: .notFound, endpoint: endpoint, httpStatus: 404),
                JiraAPIError.http(JiraHTTPFailure(operation: "getIssue", status: 404)),
                reading(notFound: true)
            ),
            (
                GuanceAPIError(kind: .serverError, endpoint: endpoint, httpStatus: 503),
                JiraAPIError.http(JiraHTTPFailure(operation: "getIssue", status: 503)),
                reading(retriable: true)
            ),
            (
                GuanceAPIError(kind: .transport, endpoint: endpoint, isOutcomeUnknown: true),
                JiraAPIError.ambiguousOutcome(operation: "createIssue", cause: "connection reset"),
                reading(outcomeUnknown: true)
            ),
            (
                GuanceAPIError(kind: .rejected, endpoint: endpoint, httpStatus: 400),
                JiraAPIError.http(JiraHTTPFailure(operation: "createIssue", status: 400)),
                reading()
            ),
        ]
        for pair in pairs {
            #expect(Reading(pair.guance) == pair.expected, "\(pair.guance)")
            #expect(Reading(pair.jira) == pair.expected, "\(pair.jira)")
        }
    }

    @Test("the endpoint and status are reported, and a Jira Retry-After is surfaced")
    func endpointStatusRetryAfter() {
        let guance: any APIError = GuanceAPIError(kind: .rejected, endpoint: "POST /api/v1/issue/list", httpStatus: 400)
        #expect(guance.endpoint == "POST /api/v1/issue/list")
        #expect(guance.httpStatus == 400)
        #expect(guance.retryAfter == nil)
        let limited = JiraHTTPFailure(
            operation: "search", status: 429, rateLimit: JiraRateLimitInfo(retryAfter: .seconds(30), reason: .perIssueWrite))
        let jira: any APIError = JiraAPIError.http(limited)
        #expect(jira.endpoint == "search")
        #expect(jira.httpStatus == 429)
        #expect(jira.retryAfter == .seconds(30))
    }

    private func reading(
        retriable: Bool = false, throttled: Bool = false, notFound: Bool = false, outcomeUnknown: Bool = false
    ) -> Reading {
        var value = Reading(GuanceAPIError(kind: .rejected, endpoint: ""))
        value.retriable = retriable
        value.throttled = throttled
        value.notFound = notFound
        value.outcomeUnknown = outcomeUnknown
        return value
    }
}
