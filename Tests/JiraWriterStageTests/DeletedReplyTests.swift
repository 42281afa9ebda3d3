import Foundation
import PipelineTesting
import SyncCore
import Testing

/// A Guance deletion is final: once a reply's Jira comment carries the deletion note, no edit of
/// that reply changes it again (chaos seeds 1201653034 and 2379260594 ended with a deleted reply's
/// comment without its note, and the replay appended it).
@Suite("jira-writer: a deleted reply's comment keeps its note")
struct DeletedReplyTests {
    @Test("an edit handled after the deletion (an evicted replica's late work, a redelivery) leaves the note; a replay writes nothing")
    func editAfterDeletion() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            let reply = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue),
                GuanceEvents.reply(issue, reply: reply, text: "原文 original 🙂", minute: 1),
                GuanceEvents.deletion(issue, reply: reply, minute: 3),
                GuanceEvents.reply(issue, reply: reply, text: "改过 edited 🙂", minute: 1, edited: true),
            ])
            let writer = try harness.startWriter()
            // A later reply on the same issue (same partition) marks the end of the first three.
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 4)])
            try #require(try await harness.waitForComment(ofReply: marker))
            let settled = try await harness.jiraState()
            let comment = try #require(settled.comments(forReply: reply).first)
            #expect(comment.bodyJSON.contains("Deleted in Guance"), "\(comment.bodyJSON)")
            #expect(comment.bodyJSON.contains("original"), "\(comment.bodyJSON)")

            let replay = try await harness.replay(stopping: writer, issue: issue, minute: 5)
            #expect(replay.caughtUp)
            // The only Jira write of the replay is the marker's comment.
            #expect(replay.writes == 1)
        }
    }
}
