import Foundation
import PipelineTesting
import SyncCore
import Testing

/// Guance stamps reply versions in whole seconds: a reply edited within the second it was written
/// has one version for two texts (chaos seed 2361416659: the edit was taken for the version the
/// comment already showed, and never reached Jira).
@Suite("jira-writer: a reply edited within the second it was written")
struct SameSecondEditTests {
    @Test("the edit reaches Jira; a replay writes nothing")
    func sameSecondEdit() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            let reply = GuanceEvents.replyUUID()
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue),
                GuanceEvents.reply(issue, reply: reply, text: "原文 original 🙂", minute: 1),
                GuanceEvents.reply(issue, reply: reply, text: "改过 edited in the same second ✏️", minute: 1, edited: true, editedAfter: 0),
                // A later reply on the same issue (same partition) marks the end of the first ones.
                GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 2),
            ])
            let writer = try harness.startWriter()
            try #require(try await harness.waitForComment(ofReply: marker))
            let settled = try await harness.jiraState()
            let comment = try #require(settled.comments(forReply: reply).first)
            #expect(comment.bodyJSON.contains("edited in the same second"), "\(comment.bodyJSON)")

            let replay = try await harness.replay(stopping: writer, issue: issue, minute: 3)
            #expect(replay.caughtUp)
            // The only Jira write of the replay is the marker's comment.
            #expect(replay.writes == 1)
        }
    }
}
