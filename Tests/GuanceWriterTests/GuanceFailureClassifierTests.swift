import GuanceAPI
import GuanceWriter
import SyncCore
import Testing

@Suite("GuanceFailureClassifier")
struct GuanceFailureClassifierTests {
    let classifier = GuanceFailureClassifier(baseDelaySeconds: 2, maximumDelaySeconds: 60, ambiguousRecheckSeconds: 7)

    func error(_ kind: GuanceAPIError.Kind, unknown: Bool = false) -> GuanceAPIError {
        GuanceAPIError(kind: kind, endpoint: "POST /api/v1/issue/reply/create", httpStatus: 500, isOutcomeUnknown: unknown)
    }

    @Test("throttling waits for the limiter of its scope")
    func throttled() {
        guard case .waitForLimiter(let scope, _) = classifier.classify(error(.throttled(.workspace)), attempt: 1) else {
            Issue.record("expected waitForLimiter"); return
        }
        #expect(scope == .workspace)
    }

    @Test("5xx, transport and malformed answers retry with capped exponential backoff")
    func retriable() {
        for kind in [GuanceAPIError.Kind.serverError, .transport, .malformedResponse] {
            guard case .retry(let seconds, _) = classifier.classify(error(kind), attempt: 3) else {
                Issue.record("expected retry for \(kind)"); continue
            }
            #expect(seconds == 8)
        }
        #expect(classifier.backoff(30) == 60)
    }

    @Test("a refused API key awaits the operator and is never dead-lettered")
    func invalidKey() {
        #expect(classifier.classify(error(.invalidAPIKey), attempt: 1) == .awaitOperator(seconds: 60, reason: error(.invalidAPIKey).description))
    }

    @Test("an unknown create outcome is ambiguous, even for a retriable kind")
    func ambiguous() {
        #expect(classifier.classify(error(.transport, unknown: true), attempt: 1)
            == .ambiguous(seconds: 7, operation: "POST /api/v1/issue/reply/create"))
    }

    @Test("a refused 25 or 15 falls back to the legacy value; a refused 20 is dead-lettered")
    func legacyFallback() {
        #expect(classifier.classify(error(.rejected), attempt: 1, sentStatusType: .closed) == .retryWithLegacyStatusType(.resolved))
        #expect(classifier.classify(error(.rejected), attempt: 1, sentStatusType: .working) == .retryWithLegacyStatusType(.open))
        guard case .deadLetter(let reason) = classifier.classify(error(.rejected), attempt: 1, sentStatusType: .resolved) else {
            Issue.record("expected deadLetter"); return
        }
        #expect(reason.code == "guance-rejected")
    }

    @Test("not found and undecodable answers are dead-lettered with stable codes")
    func deadLetters() {
        #expect(classifier.classify(error(.notFound), attempt: 1) == .deadLetter(.init(code: "guance-not-found", message: error(.notFound).description)))
        guard case .deadLetter(let reason) = classifier.classify(error(.undecodableContent), attempt: 1) else {
            Issue.record("expected deadLetter"); return
        }
        #expect(reason.code == "guance-undecodable-response")
    }
}
