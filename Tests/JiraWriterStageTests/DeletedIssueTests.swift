import Foundation
import SyncCore
import Testing

/// A person deletes the Jira issue of a linked Guance issue (issue 13): before, every later event of
/// the Guance issue got 404 and was dead-lettered for good. Now `policies.jiraIssueDeleted` decides:
/// `recreate` (default) makes a new issue with a note and applies the event to it, `unlink` detaches
/// the pair, `deadLetter` dead-letters with its own reason.
@Suite("jira-writer: a linked Jira issue deleted by a person", .serialized)
struct DeletedIssueTests {
    static var minutesFromBaseToNow: Int { Int(Date().timeIntervalSince(GuanceEvents.base) / 60) }

    @Test("policies.jiraIssueDeleted", arguments: JiraIssueDeletedPolicy.allCases)
    func deletedIssue(policy: JiraIssueDeletedPolicy) async throws {
        try await WriterDeployment.with(policies: "  backlink: none\n  jiraIssueDeleted: \(policy.rawValue)") { harness in
            // The Guance issue exists in the simulator: a reply event recreates from a fresh read of it.
            let created = try await harness.guanceControl(.POST, "/__sim/issues", body: [
                "name": "支付网关超时 payment timeout", "description": "<p>gateway</p>", "level": "system_level_1",
            ]) as? [String: Any]
            let issue = try #require(created?["uuid"] as? String, "no Guance issue: \(String(describing: created))")
            let first = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue), GuanceEvents.reply(issue, reply: first, text: "before the deletion"),
            ])
            let writer = try harness.startWriter()
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: first).isEmpty })
            let original = try #require(try await harness.jiraState().issues(forGuance: issue).first)

            _ = try await harness.jiraControl(.DELETE, "/__sim/as/alice@example.com/rest/api/3/issue/\(original.key)")
            #expect(try await harness.jiraState().issues(forGuance: issue).isEmpty, "the issue was not deleted")
            let second = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.reply(issue, reply: second, text: "after the deletion", minute: 2),
                // Later than the Guance issue as the simulator shows it now (a reply event recreates from that).
                GuanceEvents.snapshot(issue, name: "支付网关超时 payment timeout (again)", minute: Self.minutesFromBaseToNow + 5),
            ])

            switch policy {
            case .recreate:
                let replaced = try await harness.eventually {
                    let state = try await harness.jiraState()
                    return state.issues(forGuance: issue).first?.summary.hasSuffix("(again)") == true
                        && !state.comments(forReply: second).isEmpty
                }
                #expect(replaced, "no replacement carrying the later reply and snapshot")
                let state = try await harness.jiraState()
                let replacements = state.issues(forGuance: issue)
                #expect(replacements.count == 1, "\(replacements.map(\.key))")
                let replacement = try #require(replacements.first)
                #expect(replacement.id != original.id)
                #expect(state.comments(forReply: second).map(\.issueKey) == [replacement.key])
                #expect(state.comments(forReply: "replaces-\(original.id)").map(\.issueKey) == [replacement.key])
                #expect(try await harness.deadLetters().isEmpty)
            case .unlink:
                let logged = try await harness.eventually {
                    !harness.deployment.logLines(of: "jira-writer").filter { $0.contains("no longer synced") }.isEmpty
                }
                #expect(logged, "no log line for the detached pair")
                // The later snapshot changes nothing either (it comes after the reply on the same key).
                #expect(try await harness.eventually { try await harness.effectCount("noop") >= 1 }, "the snapshot was never handled")
                #expect(try await harness.jiraState().issues(forGuance: issue).isEmpty)
                #expect(try await harness.deadLetters().isEmpty)
            case .deadLetter:
                let lettered = try await harness.eventually { try await harness.deadLetters().count == 2 }
                #expect(lettered, "the two later events were not dead-lettered")
                let letters = try await harness.deadLetters()
                #expect(letters.allSatisfy { $0.reason.code == DeadLetterCode.jiraIssueDeleted }, "\(letters.map(\.reason))")
                #expect(try await harness.jiraState().issues(forGuance: issue).isEmpty)
            }
            try await harness.stop(writer)
        }
    }
}
