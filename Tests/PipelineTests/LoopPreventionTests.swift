import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// All four stages as separate processes: 50 rounds of alternating human comments and status flips
/// on both sides produce exactly the expected comments and transitions, and an idle system stays
/// idle (no writes after convergence) — the three loop guards (origin markers, identity checks,
/// read-before-write) working together.
///
/// After each round converges the test waits a little over one poll interval (1 s here) before the
/// next person acts, as people do: a status that flips and flips back on one side faster than the
/// pollers look is a known limit (docs/runtime.md, "Status flips faster than a poll").
@Suite("Loop prevention", .serialized)
struct LoopPreventionTests {
    typealias Support = PipelineTestSupport

    @Test("50 alternating rounds converge exactly; no write happens once both sides agree")
    func fiftyRounds() async throws {
        // Guance lists by `updateAt` here, so each round's change shows up on the next poll. In
        // `createAt` mode changes to an old issue surface through the poller's planned reply checks
        // (seconds to minutes, by design — see docs/stages/guance-poller.md), which would only slow
        // this test down; the stage tests cover both modes for "nothing missed".
        let deployment = try await TestDeployment(simulatorArguments: [
            "--guance-requests-per-minute", "1200",
            "--guance-behaviour", #"{"timeWindowField":"updateAt","replyBumpsIssueUpdateAt":true}"#,
        ])
        let control = Support.control(deployment)
        let config = try deployment.writeConfiguration()
        let budgets = ["guance-poller": "600", "jira-writer": "300", "guance-writer": "300"]
        var stages: [ChildProcess] = []
        for stage in ["guance-poller", "jira-writer", "jira-poller", "guance-writer"] {
            let extra = budgets[stage].map { ["GUANCE_REQUESTS_PER_MINUTE": $0] } ?? [:]
            stages.append(try deployment.startStage(stage, configurationPath: config, extraEnvironment: extra))
        }
        let issue = try await control.guanceCreateIssue(
            name: "订单服务 5xx 激增", description: "<p>5xx rate above 5%</p>", level: "system_level_1",
            resourceType: "checker", resource: "order-service", actor: "monitor")
        let label = "guance-\(issue)"
        let created = try await Support.eventually { Support.jiraByLabel(try await control.jiraState())[label]?.first }
        let key = try #require(created, "no Jira issue; logs in \(deployment.directory.path)").key

        var open = true
        for round in 0..<50 {
            let text = "round \(round) " + (round.isMultiple(of: 2) ? "from Guance 观测云" : "from Jira")
            open.toggle()
            if round.isMultiple(of: 2) {
                try await control.guanceMemberReplies(issue: issue, content: text)
                try await control.guanceStatus(issue: issue, statusType: open ? 10 : 20, by: "acnt_9f8e7d6c5b4a39281706f5e4d3c2b1a0")
            } else {
                try await control.jiraUserComments(on: key, text: text)
                try await control.jiraUserTransitions(key, toCategory: open ? "new" : "done")
            }
            let agreed = try await Support.eventually(timeout: .seconds(90)) { () -> Bool? in
                let jira = Support.jiraByLabel(try await control.jiraState())[label]?.first
                let (guance, replies) = try await control.guanceIssue(issue)
                let jiraHas = jira?.comments.contains { $0.contains(text) } ?? false
                let guanceHas = replies.contains { ($0["content"] as? String ?? "").contains(text) }
                let guanceOpen = (guance?["statusType"] as? Int).map { ![20, 25].contains($0) }
                let jiraOpen = jira.map { $0.category != "done" }
                return jiraHas && guanceHas && guanceOpen == open && jiraOpen == open ? true : nil
            }
            #expect(agreed == true, "round \(round) did not converge; logs in \(deployment.directory.path)")
            if agreed != true { break }
            try await Task.sleep(for: .milliseconds(1_600))
        }

        // Exactly the expected comments and replies, each once.
        let jira = try #require(Support.jiraByLabel(try await control.jiraState())[label])
        #expect(jira.count == 1)
        let comments = jira.first?.comments ?? []
        let (_, replies) = try await control.guanceIssue(issue)
        let replyTexts = replies.filter { ($0["type"] as? String ?? "reply") != "change" }.map { $0["content"] as? String ?? "" }
        for round in 0..<50 {
            let marker = "round \(round) "
            #expect(comments.filter { $0.contains(marker) }.count == 1, "Jira comments for \(marker)")
            #expect(replyTexts.filter { $0.contains(marker) }.count == 1, "Guance replies for \(marker)")
        }
        #expect(comments.count == 50, "Jira comments: \(comments.count)")

        #expect(try await Support.backlinksLanded(control, [issue]), "the back-link is missing")
        // Idle: no writes on either side once converged (several poll intervals).
        let before = try await control.writeCounts()
        try await Task.sleep(for: .seconds(12))
        let after = try await control.writeCounts()
        #expect(after.guance == before.guance, "Guance writes while idle: \(before.guance) → \(after.guance)")
        #expect(after.jira == before.jira, "Jira writes while idle: \(before.jira) → \(after.jira)")
        for stage in stages { stage.terminate() }
        for stage in stages { _ = try await stage.waitForExit(timeout: .seconds(30)) }
        await deployment.stop()
    }
}
