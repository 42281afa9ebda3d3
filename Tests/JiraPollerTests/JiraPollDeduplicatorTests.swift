import Foundation
import JiraAPI
import SyncCore
import Testing

@testable import JiraPoller

@Suite("JiraPollDeduplicator")
struct JiraPollDeduplicatorTests {
    let t0 = Fixtures.date("2026-11-29T01:00:00Z")
    let detector = IssueChangeDetector(
        syncAccount: JiraSyncAccount(myself: Fixtures.syncUser), propertyKey: "guance.sync", syncAssignees: false
    )

    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    /// One poll cycle as the poller runs it: admit, detect, remember.
    func cycle(_ state: inout JiraPollCheckpointState, _ results: [(JiraIssue, [JiraComment])]) -> [SyncEvent] {
        var events: [SyncEvent] = []
        for (issue, comments) in results where state.deduplicator.admit(issue) {
            let result = detector.detect(
                issue: issue, comments: comments, previous: state.issues[issue.id], guanceIssueUUID: nil, observedAt: at(30)
            )
            events += result.events
            state.issues[issue.id] = result.state
        }
        return events
    }

    @Test("the same (id, updated) is admitted once; a newer version again; the cursor is the max updated")
    func admitByVersion() {
        var dedup = JiraPollDeduplicator(cursor: t0, overlapMinutes: 5)
        let first = Fixtures.issue(updated: at(1).addingTimeInterval(0.0004))
        let admitted = [
            dedup.admit(first), dedup.admit(first), dedup.admit(Fixtures.issue(updated: at(2))),
            dedup.admit(Fixtures.issue(updated: at(1))), dedup.admit(Fixtures.issue(id: "2", key: "OPS-2", updated: at(0.5))),
        ]
        #expect(admitted == [true, false, true, false, true])
        #expect(dedup.cursor == at(2))
    }

    @Test("restart through a checkpoint: nothing twice, nothing missed")
    func restart() throws {
        let a = Fixtures.issue(id: "1", key: "OPS-1", updated: at(0))
        let b = Fixtures.issue(id: "2", key: "OPS-2", updated: at(0))
        var state = JiraPollCheckpointState(deduplicator: JiraPollDeduplicator(cursor: at(-10), overlapMinutes: 5), issues: [:])
        #expect(cycle(&state, [(a, []), (b, [])]).isEmpty)  // first sight seeds

        let commentA = Fixtures.comment(id: "11", text: "on A", created: at(2))
        let aDone = Fixtures.issue(id: "1", key: "OPS-1", statusId: "5", statusName: "Done", category: "done", updated: at(2))
        let firstRun = cycle(&state, [(aDone, [commentA])])
        #expect(firstRun.map(\.type).sorted { $0.rawValue < $1.rawValue } == [.jiraCommentCreated, .jiraIssueStatusChanged])

        // Checkpoint written after the acknowledgement, stored as JSON, read back by a new process.
        let written = state.checkpoint(scope: "OPS", writtenAt: at(3))
        let stored = try JSONEncoder().encode(written)
        let restored = try JSONDecoder().decode(PollerCheckpoint.self, from: stored)
        #expect(restored.cursor == at(2))
        var restarted = JiraPollCheckpointState(checkpoint: restored, overlapMinutes: 5)
        #expect(restarted == state)

        // The overlap re-reads A unchanged; B changed meanwhile; C became linked.
        let commentB = Fixtures.comment(id: "21", text: "on B", created: at(4))
        let bWithComment = Fixtures.issue(id: "2", key: "OPS-2", updated: at(4))
        let c = Fixtures.issue(id: "3", key: "OPS-3", updated: at(4))
        let secondRun = cycle(&restarted, [(aDone, [commentA]), (bWithComment, [commentB]), (c, [])])
        #expect(secondRun.map(\.type) == [.jiraCommentCreated])
        #expect(secondRun.map(\.key) == ["2"])
        #expect(Set(firstRun.map(\.id)).isDisjoint(with: secondRun.map(\.id)))

        // Even if the seen window had been lost, the detector state alone keeps A from repeating.
        var forgetful = restarted
        forgetful.deduplicator = JiraPollDeduplicator(cursor: restarted.deduplicator.cursor, overlapMinutes: 5)
        #expect(cycle(&forgetful, [(aDone, [commentA]), (bWithComment, [commentB])]).isEmpty)
    }

    @Test("versions older than the window and its margin are pruned from the checkpoint")
    func pruning() {
        var state = JiraPollCheckpointState(deduplicator: JiraPollDeduplicator(cursor: at(-600), overlapMinutes: 5), issues: [:])
        _ = state.deduplicator.admit(Fixtures.issue(id: "old", key: "OPS-9", updated: at(-500)))
        _ = state.deduplicator.admit(Fixtures.issue(id: "new", key: "OPS-8", updated: at(0)))
        let checkpoint = state.checkpoint(scope: "OPS", writtenAt: at(1))
        #expect(checkpoint.state.keys.filter { $0.hasPrefix("seen/") }.sorted() == ["seen/new"])
    }
}
