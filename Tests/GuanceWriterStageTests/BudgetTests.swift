import Foundation
import SyncCore
import Testing

/// guance-writer stays under the Guance per-key limit on its own: with a budget equal to the
/// simulator's limit, more work than fits in one minute is done without a single throttled answer.
@Suite("guance-writer Guance budget")
struct BudgetTests {
    @Test("a budget equal to the simulator's limit: more requests than one minute allows, zero throttled")
    func zeroThrottles() async throws {
        // The simulator allows 5 requests/min per key and the writer's budget is 5/min: the key check
        // plus 7 reply creates (8 requests) need a second window, so the limiter must hold back.
        let limit = 5
        try await WriterDeployment.with(guanceRequestsPerMinute: limit) { env in
            let uuid = try await env.createGuanceIssue("budget")
            let jira = JiraIssueRef(id: "201", key: "OPS-201")
            try await env.link(jiraIssueId: jira.id, key: jira.key, to: uuid)
            let comments = (1...7).map { "3000\($0)" }
            try await env.produce(comments.map { JiraEvents.created(jira, $0, "comment \($0)") })
            let writer = try env.startWriter(requestsPerMinute: limit)
            try await WriterDeployment.eventually("every comment mirrored", timeout: .seconds(150)) {
                try await env.state().replies(of: uuid).count == comments.count
            }
            let state = try await env.state()
            #expect(state.throttled == 0)
            #expect(state.count(SimState.replyCreate) == comments.count)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }
}
