import APICore
import JiraAPI
import SyncCore

/// Sorts Jira failures into retry (with a delay), dead-letter (with a stable reason code) and
/// ambiguous (re-check before repeating a non-idempotent write). Branches on statuses and field
/// keys only: Jira's messages are localized.
package struct FailureClassifier: Sendable {
    /// The first retry delay; it doubles per attempt.
    package var baseDelaySeconds: Int
    /// The longest retry delay.
    package var maximumDelaySeconds: Int
    /// The delay before re-checking after an ambiguous write (search may lag).
    package var ambiguousRecheckSeconds: Int

    /// Creates a classifier.
    package init(baseDelaySeconds: Int = 1, maximumDelaySeconds: Int = 300, ambiguousRecheckSeconds: Int = 10) {
        self.baseDelaySeconds = baseDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
        self.ambiguousRecheckSeconds = ambiguousRecheckSeconds
    }

    /// The disposition of `error` after `attempt` attempts (1 for the first failure).
    package func classify(_ error: JiraAPIError, attempt: Int) -> FailureDisposition {
        switch error.kind {
        case .http(let failure):
            return classify(failure, attempt: attempt)
        case .ambiguousOutcome(let operation, _):
            return .ambiguous(seconds: ambiguousRecheckSeconds, operation: operation)
        case .transport, .malformedResponse:
            return .retry(seconds: backoff(attempt), reason: error.description)
        case .createdWithoutProperties(let created, _):
            return .createdWithoutProperties(created)
        case .noTransitionToCategory:
            return .deadLetter(.init(code: DeadLetterCode.transitionUnavailable, message: error.description))
        case .richTextMismatch:
            return .deadLetter(.init(code: DeadLetterCode.jiraFlavorMismatch, message: error.description))
        case .invalidRequest:
            return .deadLetter(.init(code: DeadLetterCode.invalidRequest, message: error.description))
        }
    }

    /// The exponential delay for `attempt` (1 → base), capped at ``maximumDelaySeconds`` (`Backoff`).
    package func backoff(_ attempt: Int) -> Int {
        Backoff(initial: .seconds(baseDelaySeconds), maximum: .seconds(maximumDelaySeconds)).seconds(afterFailures: attempt)
    }

    private func classify(_ failure: JiraHTTPFailure, attempt: Int) -> FailureDisposition {
        let description = JiraAPIError.http(failure).description
        let hinted = failure.rateLimit?.retryAfter.map { Int(($0 / .seconds(1)).rounded(.up)) }
        switch failure.status {
        case 429, 503:
            return .retry(seconds: max(hinted ?? backoff(attempt), 1), reason: description)
        case 408, 409, 500...599:
            return .retry(seconds: backoff(attempt), reason: description)
        case 401:
            // Credentials are fixed by an operator; every event would fail alike, so wait instead.
            return .retry(seconds: maximumDelaySeconds, reason: description)
        case 400 where !failure.errors.fieldErrors.isEmpty:
            let fields = failure.errors.fieldErrors.keys.sorted().joined(separator: ", ")
            return .deadLetter(.init(code: DeadLetterCode.jiraRejectedField, message: "fields [\(fields)]: " + description))
        default:
            return .deadLetter(.init(code: Self.code(status: failure.status), message: description))
        }
    }

    private static func code(status: Int) -> String {
        switch status {
        case 400: DeadLetterCode.jiraRejectedRequest
        case 403: DeadLetterCode.jiraForbidden
        case 404: DeadLetterCode.jiraNotFound
        case 413: DeadLetterCode.jiraLimitReached
        case 422: DeadLetterCode.jiraRejectedConfiguration
        default: DeadLetterCode.jiraHTTP(status)
        }
    }
}
