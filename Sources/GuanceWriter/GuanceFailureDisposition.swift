import GuanceAPI
import SyncCore

/// What guance-writer does after a failed Guance call.
package enum GuanceFailureDisposition: Sendable, Hashable {
    /// Try the same call again after `seconds` (only this issue waits).
    case retry(seconds: Int, reason: String)
    /// The server throttled the call: let the shared rate limiter (this scope) slow down, then retry.
    case waitForLimiter(GuanceThrottleScope, reason: String)
    /// Every call will fail alike until an operator acts (the API key was refused): stop taking
    /// events, report loudly, and try again after `seconds`. Events are kept, not dead-lettered.
    case awaitOperator(seconds: Int, reason: String)
    /// The tenant refused a `statusType` only newer deployments know: send this value instead.
    case retryWithLegacyStatusType(GuanceStatusType)
    /// A reply create may have happened: list the replies and look for the marker
    /// (``ReplyMarkerLookup``) after `seconds` before creating again.
    case ambiguous(seconds: Int, operation: String)
    /// Give up on the event: dead-letter it with this reason and move on.
    case deadLetter(DeadLetter.Reason)
}
