import Foundation
import StageRuntime
import Synchronization

/// The ``StatusSyncState`` of every Jira issue: read from `sync.checkpoints.v1`, with this
/// process's own writes visible at once (the topic tail may lag behind an acknowledged write, and
/// an issue's next status event must see the state its previous one left).
final class StatusSyncStates: Sendable {
    private let store: CheckpointStore
    private let written = Mutex<[String: StatusSyncState]>([:])

    init(store: CheckpointStore) {
        self.store = store
    }

    /// The state of `jiraIssueId`: the newer of this process's last write and the topic's record.
    func state(jiraIssueId: String) -> StatusSyncState? {
        let scope = StatusSyncState.scope(jiraIssueId: jiraIssueId)
        let stored = store.checkpoints(of: StatusSyncState.owner)[scope].flatMap(StatusSyncState.init)
        let local = written.withLock { $0[jiraIssueId] }
        switch (local, stored) {
        case (let local?, let stored?): return local.syncedAt >= stored.syncedAt ? local : stored
        case (let local?, nil): return local
        case (nil, let stored): return stored
        }
    }

    /// Saves `state` (acknowledged by Kafka on return).
    func save(_ state: StatusSyncState) async throws {
        try await store.save(state.checkpoint())
        written.withLock { $0[state.jiraIssueId] = state }
    }
}
