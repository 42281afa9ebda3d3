import Foundation
import NIOHTTP1
import ProcessTesting
import SyncCore
import Testing

/// Adoption of the old DataFlux Func script's issues, dead letters, and `--check-config`.
@Suite("jira-writer: adoption, dead letters and configuration checks")
struct AdoptionAndFailureTests {
    @Test("an issue labelled with the raw Guance UUID by the old script is adopted, not duplicated")
    func adoptsLegacyIssue() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            try await harness.jiraControl(.POST, "/__sim/as/alice/rest/api/3/issue", body: [
                "fields": [
                    "project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": "made by the old script",
                    "labels": [issue],
                ] as [String: Any],
            ])
            let reply = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.snapshot(issue), GuanceEvents.reply(issue, reply: reply, text: "hello")])
            let writer = try harness.startWriter()
            let commented = try await harness.eventually { try await !harness.jiraState().comments(forReply: reply).isEmpty }
            #expect(commented)
            let state = try await harness.jiraState()
            #expect(state.issues.count == 1)
            let adopted = try #require(state.issues.first)
            #expect(adopted.labels.contains(issue))
            #expect(adopted.labels.contains("guance-" + issue))
            #expect((adopted.properties["guance.sync"] as? [String: Any])?["issueUuid"] as? String == issue)
            #expect(state.comments(forReply: reply).first?.issueKey == adopted.key)
            try await harness.stop(writer)
        }
    }

    @Test("a create Jira rejects is dead-lettered with its reason, and the next event of the issue still flows")
    func deadLettersPermanentFailure() async throws {
        try await WriterDeployment.with { harness in
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "status", "status": 400, "method": "POST", "pathContains": "/rest/api/3/issue", "count": 1,
            ])
            let issue = GuanceEvents.issueUUID()
            let rejected = GuanceEvents.snapshot(issue, name: "rejected")
            try await harness.publish([rejected, GuanceEvents.snapshot(issue, name: "accepted", minute: 1)])
            let writer = try harness.startWriter()
            let created = try await harness.eventually { try await !harness.jiraState().issues(forGuance: issue).isEmpty }
            #expect(created)
            let letters = try await harness.deadLetters()
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.reason.code.hasPrefix("jira-rejected"))
            #expect(letter.writer == "jira-writer")
            #expect(letter.key == issue)
            #expect(letter.value.map { try? SyncEventCodec.decode(Data($0)) }??.id == rejected.id)
            let state = try await harness.jiraState()
            #expect(state.issues(forGuance: issue).map(\.summary) == ["[Guance] accepted"])
            try await harness.stop(writer)
        }
    }

    @Test("--check-config accepts the simulator's project and rejects a missing project, issue type and priority")
    func checksConfiguration() async throws {
        try await WriterDeployment.with { harness in
            let good = harness.deployment.defaultConfiguration() + "\npolicies:\n  backlink: none\n"
            let bad = good
                .replacingOccurrences(of: "project: OPS", with: "project: NOPE")
                + "  reopen: newIssue\n"
            let badType = good.replacingOccurrences(of: "issueType: \"10004\"", with: "issueType: \"77777\"")
            let badPriority = good.replacingOccurrences(of: "system_level_3: \"4\"", with: "system_level_3: \"999\"")
            var statuses: [Int32?] = []
            for yaml in [good, bad, badType, badPriority] {
                statuses.append(try await harness.checkConfig(yaml))
            }
            #expect(statuses == [0, 78, 78, 78])
        }
    }
}
