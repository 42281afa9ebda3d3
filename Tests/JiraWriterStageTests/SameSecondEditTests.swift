import Foundation
import ProcessTesting
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
            let handled = try await harness.eventually(timeout: .seconds(300)) {
                try await !harness.jiraState().comments(forReply: marker).isEmpty
            }
            try #require(handled)
            let settled = try await harness.jiraState()
            let comment = try #require(settled.comments(forReply: reply).first)
            #expect(comment.bodyJSON.contains("edited in the same second"), "\(comment.bodyJSON)")

            try await harness.stop(writer)
            try await harness.resetGroupToBeginning()
            let replayMarker = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.reply(issue, reply: replayMarker, text: "replay marker", minute: 3)])
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
