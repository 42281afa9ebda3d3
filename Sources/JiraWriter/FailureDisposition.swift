import JiraAPI
import SyncCore

/// What a writer does after a failed Jira call.
package enum FailureDisposition: Sendable, Hashable {
    /// Try the same call again after `seconds` (only this issue waits).
    case retry(seconds: Int, reason: String)
    /// Give up on the event: dead-letter it with this reason and move on.
    case deadLetter(DeadLetter.Reason)
    /// A create or comment may have happened: look for it (label search / comment property) after
    /// `seconds` before trying again.
    case ambiguous(seconds: Int, operation: String)
    /// The issue was created but its properties were not set: link it, then set the properties.
    case createdWithoutProperties(JiraCreatedIssue)
}
