import APICore
import GuanceAPI
import SyncCore

/// Sorts Guance failures into retry, wait for the limiter, await an operator, legacy status fallback,
/// ambiguous (re-check before repeating a reply create) and dead-letter.
///
/// A refused API key is an operator error, not a property of the event: dead-lettering would drain
/// every pending event into the dead-letter topic within seconds, so the writer waits instead.
package struct GuanceFailureClassifier: Sendable {
    /// The first retry delay; it doubles per attempt.
    package var baseDelaySeconds: Int
    /// The longest retry delay, also the wait after a refused API key.
    package var maximumDelaySeconds: Int
    /// The delay before listing replies after an ambiguous create (list may lag behind writes).
    package var ambiguousRecheckSeconds: Int

    /// Creates a classifier.
    package init(baseDelaySeconds: Int = 1, maximumDelaySeconds: Int = 300, ambiguousRecheckSeconds: Int = 5) {
        self.baseDelaySeconds = baseDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
        self.ambiguousRecheckSeconds = ambiguousRecheckSeconds
    }

    /// The disposition of `error` after `attempt` attempts (1 for the first failure).
    /// - Parameter sentStatusType: the `statusType` the failed call sent, if it was an issue modify.
    package func classify(
        _ error: GuanceAPIError, attempt: Int, sentStatusType: GuanceStatusType? = nil
    ) -> GuanceFailureDisposition {
        let reason = error.description
        if error.isOutcomeUnknown { return .ambiguous(seconds: ambiguousRecheckSeconds, operation: error.endpoint) }
        switch error.kind {
        case .throttled(let scope):
            return .waitForLimiter(scope, reason: reason)
        case .serverError, .transport, .malformedResponse:
            return .retry(seconds: backoff(attempt), reason: reason)
        case .invalidAPIKey:
            return .awaitOperator(seconds: maximumDelaySeconds, reason: reason)
        case .rejected:
            if let sentStatusType, sentStatusType.legacyFallback != sentStatusType {
                return .retryWithLegacyStatusType(sentStatusType.legacyFallback)
            }
            return .deadLetter(DeadLetter.Reason(code: DeadLetterCode.guanceRejected, message: reason))
        case .notFound:
            return .deadLetter(DeadLetter.Reason(code: DeadLetterCode.guanceNotFound, message: reason))
        case .undecodableContent:
            return .deadLetter(DeadLetter.Reason(code: DeadLetterCode.guanceUndecodableResponse, message: reason))
        }
    }

    /// The exponential delay for `attempt` (1 → base), capped at ``maximumDelaySeconds`` (`Backoff`).
    package func backoff(_ attempt: Int) -> Int {
        Backoff(initial: .seconds(baseDelaySeconds), maximum: .seconds(maximumDelaySeconds)).seconds(afterFailures: attempt)
    }
}
