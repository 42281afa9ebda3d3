import Foundation
import ProcessTesting
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
            let handled = try await harness.eventually(timeout: .seconds(300)) {
                try await !harness.jiraState().comments(forReply: marker).isEmpty
            }
            try #require(handled)
            let settled = try await harness.jiraState()
            let comment = try #require(settled.comments(forReply: reply).first)
            #expect(comment.bodyJSON.contains("Deleted in Guance"), "\(comment.bodyJSON)")
            #expect(comment.bodyJSON.contains("original"), "\(comment.bodyJSON)")

            try await harness.stop(writer)
            try await harness.resetGroupToBeginning()
            let replayMarker = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.reply(issue, reply: replayMarker, text: "replay marker", minute: 5)])
            let replaying = try harness.startWriter()
            let replayed = try await harness.eventually(timeout: .seconds(300)) {
                try await !harness.jiraState().comments(forReply: replayMarker).isEmpty
            }
            #expect(replayed)
            // The only Jira write of the replay is the marker's comment.
            #expect(try await harness.jiraState().writes - settled.writes == 1)
            try await harness.stop(replaying)
        }
    }
}
