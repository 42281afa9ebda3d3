import Foundation
import NIOHTTP1
import PipelineTesting
import SyncCore
import Testing

/// Guance status → Jira status on both Jira flavours, and the back-link to Guance.
@Suite("jira-writer: status both flavours, back-link")
struct StatusTests {
    @Test("Resolved → done with the required resolution; reopened → back to new; a Jira-side change is not reverted", arguments: [
        "cloud", "data-center",
    ])
    func followsGuanceStatus(flavour: String) async throws {
        try await WriterDeployment.with(simulatorArguments: ["--jira-flavour", flavour], dataCenter: flavour == "data-center") { harness in
            let issue = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(issue, status: 10, minute: 0)])
            let writer = try harness.startWriter()
            func category() async throws -> String? { try await harness.jiraState().issues(forGuance: issue).first?.statusCategory }
            #expect(try await harness.eventually { try await category() == "new" })

            try await harness.publish([GuanceEvents.snapshot(issue, status: 20, minute: 1)])
            #expect(try await harness.eventually { try await category() == "done" })
            #expect(try await harness.jiraState().issues(forGuance: issue).first?.resolution != nil)

            try await harness.publish([GuanceEvents.snapshot(issue, status: 10, minute: 2)])
            #expect(try await harness.eventually { try await category() == "new" })

            // A person resolves it in Jira; a Guance snapshot that did not change status (a title edit)
            // must not reopen it. A reply on the same issue marks when the snapshot was handled.
            let key = try #require(try await harness.jiraState().issues(forGuance: issue).first?.key)
            try await harness.resolveAsHuman(key, dataCenter: flavour == "data-center")
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue, name: "renamed", status: 10, minute: 3),
                GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 4),
            ])
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: marker).isEmpty })
            let final = try #require(try await harness.jiraState().issues(forGuance: issue).first)
            #expect(final.summary == "[Guance] renamed")
            #expect(final.statusCategory == "done")
            try await harness.stop(writer)
        }
    }

    @Test("A person's transition between the writer's plan and its write: decided again, no dead letter, nothing written over it")
    func personTransitionsDuringWrite() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(issue, status: 10, minute: 0)])
            let writer = try harness.startWriter()
            #expect(try await harness.eventually { try await harness.jiraState().issues(forGuance: issue).first?.statusCategory == "new" })
            let key = try #require(try await harness.jiraState().issues(forGuance: issue).first?.key)
            let api = "/rest/api/3/issue/\(key)/transitions"
            let listed = try await harness.jiraControl(.GET, "/__sim/as/alice" + api) as? [String: Any]
            let done = try #require((listed?["transitions"] as? [[String: Any]])?.first {
                (($0["to"] as? [String: Any])?["statusCategory"] as? [String: Any])?["key"] as? String == "done"
            })
            // alice resolves the issue in the same instant the writer posts its own transition.
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "personFirst", "user": "alice", "personMethod": "POST", "personPath": api,
                "personBody": ["transition": ["id": done["id"] ?? ""], "fields": ["resolution": ["id": "10000"]]],
                "method": "POST", "pathContains": "/transitions",
            ])
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue, status: 20, minute: 1), GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 2),
            ])
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: marker).isEmpty })
            let state = try await harness.jiraState()
            #expect(state.issues(forGuance: issue).first?.statusCategory == "done")
            // The writer's own POST was refused (the issue was no longer where its plan started) and not repeated.
            #expect(state.requestCounts.filter { $0.key.hasPrefix("POST") && $0.key.contains("transitions") } == [
                "POST /rest/api/3/issue/{issue}/transitions 400": 1
            ])
            #expect(try await harness.deadLetters().isEmpty)
            try await harness.stop(writer)
        }
    }

    @Test("A person resolves and reopens Jira between the writer's decision and its plan: the same status id, but the reopen is theirs and stays")
    func personMovesAwayAndBackDuringWrite() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(issue, status: 10, minute: 0)])
            let writer = try harness.startWriter()
            #expect(try await harness.eventually { try await harness.jiraState().issues(forGuance: issue).first?.statusCategory == "new" })
            let key = try #require(try await harness.jiraState().issues(forGuance: issue).first?.key)
            let api = "/rest/api/3/issue/\(key)/transitions"
            func transition(toCategory category: String) async throws -> Any {
                let listed = try await harness.jiraControl(.GET, "/__sim/as/alice" + api) as? [String: Any]
                let found = try #require((listed?["transitions"] as? [[String: Any]])?.first {
                    (($0["to"] as? [String: Any])?["statusCategory"] as? [String: Any])?["key"] as? String == category
                })
                return found["id"] ?? ""
            }
            let resolve = try await transition(toCategory: "done")
            let reopen = "41"  // the OPS workflow's Done → To Do, offered once resolved
            // alice resolves and then reopens right before the writer reads the offered transitions.
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "personFirst", "user": "alice", "personMethod": "POST", "personPath": api,
                "personBody": ["transition": ["id": resolve], "fields": ["resolution": ["id": "10000"]]],
                "method": "GET", "pathContains": "/transitions",
            ])
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "personFirst", "user": "alice", "personMethod": "POST", "personPath": api,
                "personBody": ["transition": ["id": reopen]], "method": "GET", "pathContains": "/transitions",
            ])
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue, status: 20, minute: 1), GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 2),
            ])
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: marker).isEmpty })
            let state = try await harness.jiraState()
            // The person's reopen came after Guance's resolve: it stays, and the writer never transitioned.
            #expect(state.issues(forGuance: issue).first?.statusCategory == "new")
            #expect(state.requestCounts.filter { $0.key.hasPrefix("POST") && $0.key.contains("transitions") }.isEmpty)
            #expect(try await harness.deadLetters().isEmpty)
            try await harness.stop(writer)
        }
    }

    @Test("policies.reopen comment: a reopened Guance issue adds one comment to the done Jira issue (not a transition, not again on later snapshots)")
    func reopenAsComment() async throws {
        try await WriterDeployment.with(policies: "  backlink: none\n  reopen: comment") { harness in
            let issue = GuanceEvents.issueUUID()
            let reopened = GuanceEvents.snapshot(issue, status: 10, minute: 2)
            try await harness.publish([
                GuanceEvents.snapshot(issue, status: 10), GuanceEvents.snapshot(issue, status: 20, minute: 1), reopened,
                reopened, GuanceEvents.snapshot(issue, name: "renamed while open", status: 10, minute: 3),
            ])
            let writer = try harness.startWriter()
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 3)])
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: marker).isEmpty })
            let state = try await harness.jiraState()
            #expect(state.issues(forGuance: issue).first?.statusCategory == "done")
            let reopenComments = state.comments.filter { $0.bodyJSON.contains("reopened in Guance") }
            #expect(reopenComments.count == 1)
            try await harness.stop(writer)
        }
    }

    @Test("policies.reopen newIssue: a reopened Guance issue gets one new Jira issue, and later replies go there")
    func reopenAsNewIssue() async throws {
        try await WriterDeployment.with(policies: "  backlink: none\n  reopen: newIssue") { harness in
            let issue = GuanceEvents.issueUUID()
            let reopened = GuanceEvents.snapshot(issue, status: 10, minute: 2)
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue, status: 10), GuanceEvents.snapshot(issue, status: 20, minute: 1), reopened,
                reopened, GuanceEvents.snapshot(issue, name: "renamed", status: 10, minute: 3),
                GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 4),
            ])
            let writer = try harness.startWriter()
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: marker).isEmpty })
            let state = try await harness.jiraState()
            let issues = state.issues(forGuance: issue).sorted { Int($0.id) ?? 0 < Int($1.id) ?? 0 }
            #expect(issues.map(\.statusCategory) == ["done", "new"])
            #expect(issues.map(\.summary) == ["[Guance] 数据库连接超时 database timeout", "[Guance] renamed"])
            #expect(state.comments(forReply: marker).first?.issueKey == issues.last?.key)
            try await harness.stop(writer)
        }
    }

    @Test("the Jira link is posted once into the Guance issue's linkList, keeping the rest of extend")
    func postsBacklinkOnce() async throws {
        // The writer's Guance budget is raised on both sides so the test does not wait on 3 requests/min.
        try await WriterDeployment.with(
            simulatorArguments: ["--guance-requests-per-minute", "600"], policies: "  backlink: linkList") { harness in
            let created = try await harness.guanceControl(.POST, "/__sim/issues", body: [
                "name": "磁盘空间不足", "description": "disk full", "extend": ["manager": ["ops@example.com"], "custom": "kept"],
            ])
            let issue = try #require((created as? [String: Any])?["uuid"] as? String)
            try await harness.publish([GuanceEvents.snapshot(issue), GuanceEvents.snapshot(issue, minute: 1)])
            let writer = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "600"])
            func extend() async throws -> [String: Any] {
                let state = try await harness.guanceControl(.GET, "/__sim/state") as? [String: Any]
                let issues = state?["issues"] as? [[String: Any]] ?? []
                return issues.first { $0["uuid"] as? String == issue }?["extend"] as? [String: Any] ?? [:]
            }
            #expect(try await harness.eventually { try await !((extend()["linkList"] as? [Any]) ?? []).isEmpty })
            let reply = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.snapshot(issue, minute: 2), GuanceEvents.reply(issue, reply: reply, text: "marker")])
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: reply).isEmpty })
            let final = try await extend()
            let links = final["linkList"] as? [[String: Any]] ?? []
            #expect(links.count == 1)
            #expect((links.first?["link"] as? String)?.contains("/browse/OPS-") == true)
            #expect(final["custom"] as? String == "kept")
            #expect(final["manager"] as? [String] == ["ops@example.com"])
            try await harness.stop(writer)
        }
    }

    @Test("policies.backlink reply: the Jira link is posted once as a marked reply")
    func postsBacklinkReplyOnce() async throws {
        try await WriterDeployment.with(
            simulatorArguments: ["--guance-requests-per-minute", "600"], policies: "  backlink: reply") { harness in
            let created = try await harness.guanceControl(.POST, "/__sim/issues", body: ["name": "CPU 使用率过高"])
            let issue = try #require((created as? [String: Any])?["uuid"] as? String)
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([
                GuanceEvents.snapshot(issue), GuanceEvents.snapshot(issue, minute: 1),
                GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 2),
            ])
            let writer = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "600"])
            #expect(try await harness.eventually { try await !harness.jiraState().comments(forReply: marker).isEmpty })
            let state = try await harness.guanceControl(.GET, "/__sim/state") as? [String: Any]
            let backlinks = (state?["replies"] as? [[String: Any]] ?? []).filter {
                $0["issueUUID"] as? String == issue && ($0["content"] as? String)?.contains("/browse/OPS-") == true
            }
            #expect(backlinks.count == 1)
            #expect(((backlinks.first?["extend"] as? [String: Any])?["guanceJiraSync"] as? [String: Any])?["origin"] as? String == "jira")
            try await harness.stop(writer)
        }
    }
}
