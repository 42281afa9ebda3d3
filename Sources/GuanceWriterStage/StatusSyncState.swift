import Foundation
import SyncCore

/// What guance-writer last settled for one Jira issue's status: the inputs of the conflict rule
/// ("both sides changed since the last sync") and of stale-event detection across restarts.
///
/// Kept on the compacted `sync.checkpoints.v1` topic as the checkpoint `guance-writer/status/<jira id>`
/// (cursor = when the sides were last known to agree), so a replay or a restart sees it.
struct StatusSyncState: Sendable, Hashable {
    /// The Jira issue id.
    var jiraIssueId: String
    /// When both sides were last brought into (or confirmed in) agreement.
    var syncedAt: Date
    /// The Guance `statusType` at that moment.
    var guanceStatusType: Int
    /// When the last applied Jira status change happened (Jira's clock), if known.
    var jiraChangedAt: Date?
    /// The last status event settled.
    var eventID: EventID

    /// The checkpoint "poller" name the states are stored under.
    static let owner = "guance-writer"

    /// The checkpoint scope of a Jira issue.
    static func scope(jiraIssueId: String) -> String { "status/\(jiraIssueId)" }

    private enum Field {
        static let guanceStatusType = "guanceStatusType"
        static let jiraChangedAt = "jiraChangedAtMs"
    }

    init(jiraIssueId: String, syncedAt: Date, guanceStatusType: Int, jiraChangedAt: Date?, eventID: EventID) {
        self.jiraIssueId = jiraIssueId
        self.syncedAt = syncedAt
        self.guanceStatusType = guanceStatusType
        self.jiraChangedAt = jiraChangedAt
        self.eventID = eventID
    }

    /// Reads a stored state; `nil` when the checkpoint is not one (or is damaged).
    init?(_ checkpoint: PollerCheckpoint) {
        guard checkpoint.poller == Self.owner, checkpoint.scope.hasPrefix("status/"),
            let statusText = checkpoint.state[Field.guanceStatusType], let status = Int(statusText),
            let eventID = checkpoint.recentEventIDs.last
        else { return nil }
        jiraIssueId = String(checkpoint.scope.dropFirst("status/".count))
        syncedAt = checkpoint.cursor
        guanceStatusType = status
        jiraChangedAt = checkpoint.state[Field.jiraChangedAt].flatMap(Int64.init).map {
            Date(timeIntervalSince1970: Double($0) / 1000)
        }
        self.eventID = eventID
    }

    /// The checkpoint that stores this state.
    func checkpoint(writtenAt: Date = Date()) -> PollerCheckpoint {
        var state = [Field.guanceStatusType: String(guanceStatusType)]
        if let jiraChangedAt {
            state[Field.jiraChangedAt] = String(jiraChangedAt.epochMilliseconds)
        }
        return PollerCheckpoint(
            poller: Self.owner, scope: Self.scope(jiraIssueId: jiraIssueId), cursor: syncedAt,
            recentEventIDs: [eventID], state: state, writtenAt: writtenAt
        )
    }
}
