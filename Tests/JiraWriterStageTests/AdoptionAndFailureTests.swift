import Foundation
import NIOHTTP1
import PipelineTesting
import SyncCore
import Testing

/// Adoption of the old DataFlux Func script's issues, dead letters, and `--check-config`.
@Suite("jira-writer: adoption, dead letters and configuration checks")
struct AdoptionAndFailureTests {
    /// The simulated old DataFlux Func script's account (Cloud accountId; Data Center name `dataflux`).
    static let oldScriptAccountId = "5b10a2844c20165700ede21h"
    static let syncAccountId = "5b10a2844c20165700ede21f"

    @Test("an issue labelled with the raw Guance UUID by the old script's configured account is adopted, not duplicated; with no agreement on record the most recent status wins")
    func adoptsLegacyIssue() async throws {
        try await WriterDeployment.with(jira: "  migrationAccount: \(Self.oldScriptAccountId)") { harness in
            let issue = GuanceEvents.issueUUID()
            let created = try await harness.jiraControl(.POST, "/__sim/as/dataflux/rest/api/3/issue", body: [
                "fields": [
                    "project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": "made by the old script",
                    "labels": [issue],
                ] as [String: Any],
            ])
            // Resolved in Jira now, after the (older) Guance snapshot below: policies.conflict mostRecent keeps it done.
            try await harness.resolveAsHuman(try #require((created as? [String: Any])?["key"] as? String))
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
            #expect(adopted.labels.contains("guance"), "jira-poller's label search would not find the adopted issue")
            #expect((adopted.properties["guance.sync"] as? [String: Any])?["issueUuid"] as? String == issue)
            #expect(state.comments(forReply: reply).first?.issueKey == adopted.key)
            #expect(adopted.statusCategory == "done")
            try await harness.stop(writer)
        }
    }

    @Test(
        "issues carrying a Guance issue's labels that the sync may not adopt (a person's, even with the sync as reporter and its marker property; the old script's or the sync's own outside the routed projects) are left alone and warned about once; a new issue is created",
        arguments: [false, true])
    func refusesSpoofedIssues(dataCenter: Bool) async throws {
        let simulator = ["--jira-flavour", dataCenter ? "data-center" : "cloud"]
        let migration = "  migrationAccount: " + (dataCenter ? "dataflux" : Self.oldScriptAccountId)
        try await WriterDeployment.with(simulatorArguments: simulator, dataCenter: dataCenter, jira: migration) { harness in
            let issue = GuanceEvents.issueUUID()
            let api = dataCenter ? "2" : "3"
            let sync: [String: Any] = dataCenter ? ["name": "sync"] : ["accountId": Self.syncAccountId]
            func create(as user: String, project: String, labels: [String], extra: [String: Any] = [:], properties: [[String: Any]] = [])
                async throws -> String
            {
                var fields: [String: Any] = [
                    "project": ["key": project], "issuetype": ["id": "10004"], "summary": "looks synced", "labels": labels,
                ]
                fields.merge(extra) { $1 }
                var body: [String: Any] = ["fields": fields]
                if !properties.isEmpty { body["properties"] = properties }
                let created = try await harness.jiraControl(.POST, "/__sim/as/\(user)/rest/api/\(api)/issue", body: body)
                return try #require((created as? [String: Any])?["key"] as? String)
            }
            let marker: [String: Any] = ["key": "guance.sync", "value": ["issueUuid": issue, "origin": "guance"]]
            let spoofs = [
                try await create(
                    as: "alice", project: "OPS", labels: ["guance", "guance-" + issue, issue], extra: ["reporter": sync],
                    properties: [marker]),
                try await create(as: "dataflux", project: "SUP", labels: [issue]),
                try await create(as: "sync", project: "SUP", labels: ["guance", "guance-" + issue]),
            ]
            let before = try await harness.jiraState().issues
            let reply = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.snapshot(issue), GuanceEvents.reply(issue, reply: reply, text: "hello")])
            let writer = try harness.startWriter()
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: reply).isEmpty })
            let state = try await harness.jiraState()
            let created = try #require(state.issues.first { !spoofs.contains($0.key) })
            #expect(state.issues.count == spoofs.count + 1)
            #expect(created.key.hasPrefix("OPS-") && created.labels.contains("guance-" + issue))
            #expect(state.comments(forReply: reply).map(\.issueKey) == [created.key])
            for key in spoofs {
                #expect(state.issues.first { $0.key == key } == before.first { $0.key == key }, "\(key) was touched")
                #expect(!state.comments.contains { $0.issueKey == key }, "\(key) got a comment")
            }
            try await harness.stop(writer)
            let warnings = harness.deployment.logLines(of: "jira-writer").filter { $0.contains("but is not adopted") }
            for key in spoofs {
                #expect(warnings.filter { $0.contains("\"\(key)\"") }.count == 1, "one warning for \(key): \(warnings)")
            }
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

    @Test("transient Jira failures (429, 503, a dropped connection on the comment add) are retried: one issue, one comment")
    func retriesTransientFailures() async throws {
        try await WriterDeployment.with { harness in
            for fault: [String: Any] in [
                ["kind": "rateLimited", "retryAfter": 1, "method": "POST", "pathContains": "/search", "count": 2],
                ["kind": "status", "status": 503, "method": "GET", "pathContains": "/issue/", "count": 2],
                ["kind": "dropConnection", "method": "POST", "pathContains": "/comment", "count": 1],
            ] {
                try await harness.jiraControl(.POST, "/__sim/faults", body: fault)
            }
            let issue = GuanceEvents.issueUUID()
            let reply = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.snapshot(issue), GuanceEvents.reply(issue, reply: reply, text: "retried")])
            let writer = try harness.startWriter()
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: reply).isEmpty })
            let state = try await harness.jiraState()
            #expect(state.issues(forGuance: issue).count == 1)
            #expect(state.comments(forReply: reply).count == 1)
            #expect(try await harness.deadLetters().isEmpty)
            try await harness.stop(writer)
        }
    }

    @Test("--check-config accepts the simulator's project and rejects a missing project, issue type and priority")
    func checksConfiguration() async throws {
        try await WriterDeployment.with { harness in
            let good = harness.deployment.defaultConfiguration() + "\npolicies:\n  backlink: none\n"
            let bad = good.replacingOccurrences(of: "project: OPS", with: "project: NOPE")
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
