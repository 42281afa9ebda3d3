import Foundation
import PipelineTesting
import SyncCore
import Testing

/// jira-writer killed with SIGKILL right after its Jira effects (before the offset commit), with and
/// without a lagging Jira search, then replayed from the beginning of its topic.
@Suite("jira-writer: exactly once under crashes, search lag and replay")
struct ExactlyOnceTests {
    @Test(
        "killed after the create and after the comment add, restarted, replayed: one issue, one comment per reply, no replay writes",
        arguments: [0, 10])
    func crashesRestartsAndReplay(searchLagSeconds: Int) async throws {
        try await WriterDeployment.with(simulatorArguments: ["--jira-search-lag", "\(searchLagSeconds)"]) { harness in
            try await scenario(harness, searchLagSeconds: searchLagSeconds)
        }
    }

    private func scenario(_ harness: WriterDeployment, searchLagSeconds: Int) async throws {
        // A settle time far above the lag: the restarted writer must find the issue, not time out and create.
        let settle = ["JIRA_WRITER_CREATE_SETTLE_SECONDS": "300"]
        let issue = GuanceEvents.issueUUID()
        let firstReply = GuanceEvents.replyUUID()
        try await harness.publish([GuanceEvents.snapshot(issue)])

        let crashAfterCreate = try harness.startWriter(settle.merging(["SYNC_FAULT_CRASH_AT": "jira_issue_created"]) { $1 })
        #expect(try await crashAfterCreate.waitForExit(timeout: .seconds(90)) == SIGKILL)
        #expect(try await harness.jiraState().issues(forGuance: issue).count == 1)

        try await harness.publish([GuanceEvents.reply(issue, reply: firstReply, text: "已重启 mysql-01")])
        // With a lag, the simulated clock stops so the new issue stays out of search results while the
        // restarted writer looks for it: it must keep searching, not create a second issue.
        if searchLagSeconds > 0 { try await harness.setJiraClock(Date(), frozen: true) }
        let searchesBefore = try await harness.jiraState().searches
        let crashAfterComment = try harness.startWriter(settle.merging(["SYNC_FAULT_CRASH_AT": "jira_comment_added"]) { $1 })
        if searchLagSeconds > 0 {
            // The restarted writer first waits out the killed member's session, then searches every 2 s; on a
            // loaded machine that can take more than the default 90 s.
            let searchedTwice = try await harness.eventually(timeout: .seconds(240)) {
                try await harness.jiraState().searches >= searchesBefore + 2
            }
            #expect(searchedTwice)
            #expect(try await harness.jiraState().issues.count == 1)
            try await harness.setJiraClock(Date().addingTimeInterval(Double(searchLagSeconds) + 5), frozen: false)
        }
        #expect(try await crashAfterComment.waitForExit(timeout: .seconds(120)) == SIGKILL)
        #expect(try await harness.jiraState().comments(forReply: firstReply).count == 1)

        let secondReply = GuanceEvents.replyUUID()
        try await harness.publish([GuanceEvents.reply(issue, reply: secondReply, text: "still failing", minute: 2)])
        let writer = try harness.startWriter(settle)
        let converged = try await harness.eventually(timeout: .seconds(120)) {
            try await !harness.jiraState().comments(forReply: secondReply).isEmpty
        }
        #expect(converged)
        let before = try await harness.jiraState()
        #expect(before.issues(forGuance: issue).count == 1)
        #expect(before.issues.count == 1)
        #expect(before.comments(forReply: firstReply).count == 1)
        #expect(before.comments(forReply: secondReply).count == 1)

        // The first reply is edited (the same comment changes), the second deleted (a note is appended).
        try await harness.publish([
            GuanceEvents.reply(issue, reply: firstReply, text: "已重启 mysql-01 (edited)", edited: true),
            GuanceEvents.deletion(issue, reply: secondReply, minute: 3),
        ])
        let editedAndNoted = try await harness.eventually(timeout: .seconds(60)) {
            let state = try await harness.jiraState()
            return state.comments(forReply: firstReply).first?.bodyJSON.contains("(edited)") == true
                && state.comments(forReply: secondReply).first?.bodyJSON.contains("Deleted in Guance") == true
        }
        #expect(editedAndNoted)
        #expect(try await harness.jiraState().comments.count == 2)

        // Replay everything; a reply on the same issue (same partition) marks the end of the replay.
        try await harness.stop(writer)
        let settled = try await harness.jiraState()
        try await harness.resetGroupToBeginning()
        let marker = GuanceEvents.replyUUID()
        try await harness.publish([GuanceEvents.reply(issue, reply: marker, text: "replay marker", minute: 4)])
        let replaying = try harness.startWriter(settle)
        let replayed = try await harness.eventually(timeout: .seconds(120)) {
            try await !harness.jiraState().comments(forReply: marker).isEmpty
        }
        #expect(replayed)
        let after = try await harness.jiraState()
        #expect(after.issues.count == settled.issues.count)
        #expect(after.comments.count == settled.comments.count + 1)
        for comment in settled.comments {
            #expect(after.comments.first { $0.id == comment.id } == comment)
        }
        #expect(after.issues.map(\.labels) == settled.issues.map(\.labels))
        #expect(after.issues.map(\.propertiesJSON) == settled.issues.map(\.propertiesJSON))
        // The only Jira write of the replay is the marker's comment.
        #expect(after.writes - settled.writes == 1)
        try await harness.stop(replaying)
    }
}
