import Foundation
import SyncCore
import Testing

/// guance-writer end to end: dev broker, simulators and guance-writer as separate processes; the
/// test produces Jira events into `jira.events.v1`, seeds links into `sync.links.v1` and inspects the
/// Guance simulator. The writer runs with a large Guance budget (GUANCE_REQUESTS_PER_MINUTE=600)
/// against an unlimited simulator so the tests go faster than the production 3 requests/min share.
@Suite("guance-writer end to end", .serialized)
struct GuanceWriterStageTests {
    typealias Wait = WriterDeployment

    func withDeployment(policies: [String] = [], _ body: (WriterDeployment) async throws -> Void) async throws {
        try await WriterDeployment.with(policies: policies, body)
    }

    /// A Guance issue linked to a Jira issue.
    func linkedIssue(_ env: WriterDeployment, jiraId: String, linkedAt: Date = Date()) async throws -> (
        JiraIssueRef, String
    ) {
        let uuid = try await env.createGuanceIssue("磁盘告警 \(jiraId)")
        let jira = JiraIssueRef(id: jiraId, key: "OPS-\(jiraId)")
        try await env.link(jiraIssueId: jira.id, key: jira.key, to: uuid, linkedAt: linkedAt)
        return (jira, uuid)
    }

    @Test("SIGKILL right after a reply create, before the commit: after a restart there is exactly one reply")
    func crashAfterReplyCreate() async throws {
        try await withDeployment { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "101")
            try await env.produce([JiraEvents.created(jira, "20001", "第一条评论")])
            let crashing = try env.startWriter(crashAt: "guance_reply_created")
            let status = try await crashing.waitForExit(timeout: .seconds(90))
            #expect(status != nil && status != 0, "the fault point should have killed the writer")
            #expect(try await env.state().replies(of: uuid, mirroring: "20001").count == 1)

            let writer = try env.startWriter()
            try await env.produce([JiraEvents.created(jira, "20002", "second")])
            try await Wait.eventually("the later comment mirrored") {
                try await env.state().replies(of: uuid, mirroring: "20002").count == 1
            }
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            let state = try await env.state()
            #expect(state.replies(of: uuid, mirroring: "20001").count == 1)
            #expect(state.replies(of: uuid).count == 2)
            #expect(state.count(SimState.replyCreate) == 2)
            writer.terminate()
            #expect(try await writer.waitForExit(timeout: .seconds(60)) == 0)
        }
    }

    @Test("SIGKILL right after a reply edit, before the commit: after a restart the one reply is edited once")
    func crashAfterReplyEdit() async throws {
        try await withDeployment { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "102")
            try await env.produce([
                JiraEvents.created(jira, "20011", "v1"), JiraEvents.edited(jira, "20011", "v2 修改", after: 60),
            ])
            let crashing = try env.startWriter(crashAt: "guance_reply_edited")
            let status = try await crashing.waitForExit(timeout: .seconds(90))
            #expect(status != nil && status != 0, "the fault point should have killed the writer")

            let writer = try env.startWriter()
            try await env.produce([JiraEvents.created(jira, "20012", "sentinel")])
            try await Wait.eventually("the later comment mirrored") {
                try await env.state().replies(of: uuid, mirroring: "20012").count == 1
            }
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            let state = try await env.state()
            let replies = state.replies(of: uuid, mirroring: "20011")
            #expect(replies.count == 1)
            #expect((replies.first?["content"] as? String)?.hasSuffix("\n\nv2 修改") == true)
            #expect(state.count(SimState.replyCreate) == 2)
            #expect(state.count(SimState.replyModify) == 1)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("an edit whose comment link was lost finds the reply by its marker and edits that reply")
    func editFindsTheReplyByItsMarker() async throws {
        try await withDeployment { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "109")
            try await env.produce([JiraEvents.created(jira, "20041", "v1")])
            var writer = try env.startWriter()
            try await Wait.eventually("the comment mirrored") {
                try await env.state().replies(of: uuid, mirroring: "20041").count == 1
            }
            writer.terminate()
            #expect(try await writer.waitForExit(timeout: .seconds(60)) == 0)

            try await env.forgetCommentLink("20041")
            try await env.produce([JiraEvents.edited(jira, "20041", "v2 after the link was lost", after: 60)])
            writer = try env.startWriter()
            try await Wait.eventually("the edit applied") {
                let replies = try await env.state().replies(of: uuid, mirroring: "20041")
                return (replies.first?["content"] as? String)?.hasSuffix("\n\nv2 after the link was lost") == true
            }
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            let state = try await env.state()
            #expect(state.replies(of: uuid).count == 1)
            #expect(state.count(SimState.replyCreate) == 1)
            #expect(state.count(SimState.replyModify) == 1)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("replaying the whole topic from the beginning writes nothing to Guance")
    func replayIsANoOp() async throws {
        try await withDeployment { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "103")
            let start = Date()
            try await env.produce([
                JiraEvents.created(jira, "20021", "v1"),
                JiraEvents.edited(jira, "20021", "v2", after: 60),
                JiraEvents.edited(jira, "20021", "v3", after: 120),
                JiraEvents.created(jira, "20022", "to be deleted"),
                JiraEvents.deleted(jira, "20022"),
                JiraEvents.status(jira, "done", at: start),
                JiraEvents.status(jira, "indeterminate", at: start + 5),
            ])
            var writer = try env.startWriter()
            try await Wait.eventually("every event applied") {
                let state = try await env.state()
                return state.statusType(of: uuid) == 10 && state.count(SimState.issueModify) == 2
                    && (state.replies(of: uuid, mirroring: "20022").first?["content"] as? String)?.contains(
                        "[Deleted in Jira") == true
            }
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            writer.terminate()
            #expect(try await writer.waitForExit(timeout: .seconds(60)) == 0)
            let before = try await env.state()
            #expect(
                (before.replies(of: uuid, mirroring: "20021").first?["content"] as? String)?.hasSuffix("\n\nv3") == true)
            #expect(before.count(SimState.replyCreate) == 2)

            // A new consumer group starts at the beginning of the topic: the whole history again.
            let replay = "guance-writer-replay"
            #expect(try await env.hasCaughtUp(group: replay) == false)
            writer = try env.startWriter(arguments: ["--group", replay])
            try await Wait.eventually("the replay committed everything") { try await env.hasCaughtUp(group: replay) }
            let after = try await env.state()
            #expect(after.writes == before.writes, "a replay must not write to Guance")
            // Reads: the key check at start, and one reply list for the edit older than the reply's version.
            #expect(after.total - before.total == 2)
            #expect(after.replies(of: uuid).count == 2)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("Jira done → Guance 25 (configured), reopened → 10, with no modify when Guance is already there")
    func statusBothWays() async throws {
        try await withDeployment(policies: ["jiraDoneStatusType: 25"]) { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "104")
            let (resolvedJira, resolvedUUID) = try await linkedIssue(env, jiraId: "105")
            try await env.setGuanceStatus(resolvedUUID, 20)
            let start = Date()
            try await env.produce([
                JiraEvents.status(jira, "done", at: start),
                JiraEvents.status(resolvedJira, "done", at: start + 1),
            ])
            let writer = try env.startWriter()
            try await Wait.eventually("Jira done mirrored") { try await env.state().statusType(of: uuid) == 25 }
            try await env.produce([
                JiraEvents.status(jira, "done", at: start + 2),
                JiraEvents.status(jira, "indeterminate", at: start + 3),
            ])
            try await Wait.eventually("Jira reopen mirrored") { try await env.state().statusType(of: uuid) == 10 }
            try await env.produce([JiraEvents.status(jira, "new", at: start + 4)])
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            let state = try await env.state()
            #expect(state.statusType(of: resolvedUUID) == 20, "20 already counts as done: left alone")
            #expect(
                state.count(SimState.issueModify) == 2, "done and reopen only (the test's own change goes through /__sim/)")
            #expect(state.count(SimState.issueGet) == 5, "every status event reads before it writes")
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("an older Guance deployment (no 15/25, modify needs name/level/description): done becomes 20, lessons kept")
    func olderGuanceDeployment() async throws {
        let behaviour = #"{"acceptsExtendedStatusTypes":false,"modifyRequiresNameLevelDescription":true}"#
        try await WriterDeployment.with(guanceBehaviour: behaviour, policies: ["jiraDoneStatusType: 25"]) { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "110")
            let start = Date()
            try await env.produce([JiraEvents.status(jira, "done", at: start)])
            let writer = try env.startWriter()
            try await Wait.eventually("Jira done mirrored as 20") { try await env.state().statusType(of: uuid) == 20 }
            try await env.produce([JiraEvents.status(jira, "indeterminate", at: start + 1)])
            try await Wait.eventually("Jira reopen mirrored") { try await env.state().statusType(of: uuid) == 10 }
            let state = try await env.state()
            // 25 refused, 20 without name/level/description refused, 20 with them accepted; then 10 at once.
            #expect(state.count(SimState.issueModify, status: 400) == 2)
            #expect(state.count(SimState.issueModify, status: 200) == 2)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("both sides changed since the link: the most recent change wins")
    func conflictMostRecentWins() async throws {
        try await withDeployment { env in
            let linkedAt = Date() - 3600
            let (olderJira, olderUUID) = try await linkedIssue(env, jiraId: "106", linkedAt: linkedAt)
            let (newerJira, newerUUID) = try await linkedIssue(env, jiraId: "107", linkedAt: linkedAt)
            let olderResolvedAt = try await env.setGuanceStatus(olderUUID, 20)
            let newerResolvedAt = try await env.setGuanceStatus(newerUUID, 20)
            try await env.produce([
                JiraEvents.status(olderJira, "indeterminate", at: Date(timeIntervalSince1970: olderResolvedAt - 600)),
                JiraEvents.status(newerJira, "indeterminate", at: Date(timeIntervalSince1970: newerResolvedAt + 60)),
            ])
            let writer = try env.startWriter()
            try await Wait.eventually("the later Jira reopen applied") {
                try await env.state().statusType(of: newerUUID) == 10
            }
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            let state = try await env.state()
            #expect(state.statusType(of: olderUUID) == 20, "Guance's later resolve wins over an older Jira reopen")
            #expect(state.count(SimState.issueModify) == 1, "only the later reopen is written")
            let decisions = env.deployment.logLines(of: "guance-writer").filter { $0.contains("status decision") }
            #expect(
                decisions.contains {
                    $0.contains("OPS-106") && $0.contains("rule mostRecent") && $0.contains("guance keeps done")
                })
            #expect(decisions.contains { $0.contains("OPS-107") && $0.contains("rule mostRecent") && $0.contains("→ open") })
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("events of a Jira issue the link table does not link change nothing, whatever Guance issue they name")
    func unlinkedClaimChangesNothing() async throws {
        try await withDeployment { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "111")
            // What an older jira-poller published for a spoof: a Jira issue labelled guance-<uuid>, not linked.
            let spoof = JiraIssueRef(id: "998", key: "OPS-998", guanceIssueUUID: uuid)
            try await env.produce([
                JiraEvents.created(spoof, "20051", "spoofed reply"),
                JiraEvents.status(spoof, "done", at: Date()),
                JiraEvents.created(jira, "20052", "real reply"),
            ])
            let writer = try env.startWriter()
            try await Wait.eventually("the real comment mirrored") {
                try await env.state().replies(of: uuid, mirroring: "20052").count == 1
            }
            try await Wait.eventually("both spoofed events dead-lettered") { try await env.deadLetters().count >= 2 }
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            let state = try await env.state()
            #expect(state.replies(of: uuid).count == 1, "only the real reply: \(state.replies(of: uuid))")
            #expect(state.statusType(of: uuid) == 10)
            #expect(try await env.deadLetters().map(\.reason.code) == ["unlinked", "unlinked"])
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("a permanently rejected reply and an unlinked issue are dead-lettered with their reasons; later events flow")
    func deadLetters() async throws {
        try await withDeployment { env in
            let (jira, uuid) = try await linkedIssue(env, jiraId: "108")
            try await env.injectFault([
                "effect": "status", "status": 400, "method": "POST", "pathContains": "/reply/create",
            ])
            let unlinked = JiraIssueRef(id: "999", key: "OPS-999")
            try await env.produce([
                JiraEvents.created(jira, "20031", "rejected"),
                JiraEvents.created(jira, "20032", "accepted"),
                JiraEvents.created(unlinked, "20033", "nobody links this"),
            ])
            let writer = try env.startWriter()
            try await Wait.eventually("the later comment mirrored") {
                try await env.state().replies(of: uuid, mirroring: "20032").count == 1
            }
            try await Wait.eventually("two dead letters") { try await env.deadLetters().count >= 2 }
            try await Wait.eventually("the writer committed everything") { try await env.hasCaughtUp() }
            let letters = try await env.deadLetters()
            #expect(Set(letters.map(\.reason.code)) == ["guance-rejected", "unlinked"])
            #expect(letters.allSatisfy { $0.writer == "guance-writer" })
            #expect(try await env.state().replies(of: uuid, mirroring: "20031").isEmpty)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }
}

@Suite("guance-writer with a refused API key")
struct RefusedKeyTests {
    @Test(
        "a refused key fails --check-config and readiness and holds events back instead of dead-lettering; the right key applies them"
    )
    func refusedKeyWaitsForTheOperator() async throws {
        try await WriterDeployment.with { env in
            let uuid = try await env.createGuanceIssue("refused key")
            let jira = JiraIssueRef(id: "301", key: "OPS-301")
            try await env.link(jiraIssueId: jira.id, key: jira.key, to: uuid)
            try await env.produce([JiraEvents.created(jira, "40001", "waits for the operator")])
            let wrongKey = ["GUANCE_API_KEY_FILE": try env.wrongKeyFile()]
            let failedCheck = try env.startWriter(arguments: ["--check-config"], environment: wrongKey)
            #expect(try await failedCheck.waitForExit(timeout: .seconds(60)) == 78)
            let passedCheck = try env.startWriter(arguments: ["--check-config"])
            #expect(try await passedCheck.waitForExit(timeout: .seconds(60)) == 0)

            let refused = try env.startWriter(environment: wrongKey)
            try await WriterDeployment.eventually("readiness reports the refused key") {
                let (status, body) = try await env.readiness()
                return status == 503 && body.contains("guance: failing")
            }
            // The event refused at least twice (its create, then the look for the reply that create may
            // have made): retried, not dead-lettered.
            try await WriterDeployment.eventually("the event retried") {
                let state = try await env.state()
                return state.count(SimState.replyCreate, status: 403) == 1
                    && state.count(SimState.replyList, status: 403) >= 1
            }
            #expect(try await env.deadLetters().isEmpty)
            refused.terminate()
            #expect(try await refused.waitForExit(timeout: .seconds(60)) == 0)

            let writer = try env.startWriter()
            try await WriterDeployment.eventually("the held-back comment mirrored") {
                try await env.state().replies(of: uuid, mirroring: "40001").count == 1
            }
            #expect(try await env.deadLetters().isEmpty)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }
}
