import Foundation
import JiraWriter
import SimulatorControl
import SyncCore

/// The scripted story of `sync-dev demo`, played against the simulators while the four stages run:
/// each step acts as a person on one side and waits until the other side shows the effect.
struct DemoStory: Sendable {
    let simulators: SimulatorControl
    let printer: DemoPrinter
    let stepTimeout: Duration

    /// What the story ends with, for the summary and its checks.
    struct Outcome: Sendable {
        var guanceIssue: String
        var jiraKey: String
        var jiraIssueCount: Int
        var jiraComments: [String]
        var guanceReplies: [String]
        var guanceSystemReplies: Int
        var guanceStatusType: Int
        var jiraStatusCategory: String
    }

    func play() async throws -> Outcome {
        let title = "MySQL 主库连接数过高 (connections > 90%)"
        printer.act("Guance", "a monitor opens an issue: \(title)")
        let issue = try await simulators.monitorReports(
            title: title, message: "<p>Connections at <b>93%</b> on <code>mysql-primary-01</code></p>", resource: "mysql-primary-01")
        let label = JiraLabel.guanceIssue(issue)

        let created = try await waitFor("Jira issue created for \(issue)") { try await jiraIssue(label) }
        let key = created.issue["key"] as? String ?? "?"
        printer.seen("Jira", "\(key) created: \(created.issue["summary"] as? String ?? "")")

        let guanceReply = "我在看，可能是慢查询堆积 (looking into it: slow queries piling up)"
        printer.act("Guance", "a member replies: \(guanceReply)")
        try await simulators.guanceMemberReplies(issue: issue, content: guanceReply)
        _ = try await waitFor("the reply as a Jira comment") {
            try await jiraIssue(label).flatMap { found in
                found.comments.contains { SimulatedStageEnvironment.plainText($0["body"]).contains("慢查询") } ? found : nil
            }
        }
        printer.seen("Jira", "\(key) has the reply as a comment, attributed to its Guance author")

        let jiraComment = "Killed the runaway report query; connections back to 40%. Resolving."
        printer.act("Jira", "alice comments and resolves \(key): \(jiraComment)")
        try await simulators.jiraUserComments(on: key, text: jiraComment)
        try await simulators.jiraUserTransitions(key, toCategory: "done")
        _ = try await waitFor("the Jira comment as a Guance reply and the issue resolved in Guance") {
            let (found, replies) = try await simulators.guanceIssue(issue)
            let mirrored = replies.contains { ($0["content"] as? String ?? "").contains("runaway report query") }
            let status = found?["statusType"] as? Int
            return mirrored && (status == 20 || status == 25) ? true : nil
        }
        printer.seen("Guance", "issue \(issue) resolved, with alice's comment as a reply")

        printer.act("Guance", "the problem recurs: the monitor reopens the issue")
        try await simulators.guanceStatus(issue: issue, statusType: 10, by: "monitor")
        _ = try await waitFor("the Jira issue reopened") {
            try await jiraIssue(label).flatMap { found in
                let category = found.issue["statusCategory"] as? String
                return category == "new" || category == "indeterminate" ? found : nil
            }
        }
        printer.seen("Jira", "\(key) reopened")

        // Quiet period: nothing may ping-pong once both sides agree.
        try await Task.sleep(for: .seconds(5))
        let final = try await jiraIssues(label)
        let (guanceIssue, replies) = try await simulators.guanceIssue(issue)
        return Outcome(
            guanceIssue: issue, jiraKey: key, jiraIssueCount: final.count,
            jiraComments: final.first?.comments.map { SimulatedStageEnvironment.plainText($0["body"]) } ?? [],
            guanceReplies: replies.filter { $0["type"] as? String != "change" }.map { $0["content"] as? String ?? "" },
            guanceSystemReplies: replies.filter { $0["type"] as? String == "change" }.count,
            guanceStatusType: guanceIssue?["statusType"] as? Int ?? -1,
            jiraStatusCategory: final.first?.issue["statusCategory"] as? String ?? "?")
    }

    private func jiraIssues(_ label: String) async throws -> [(issue: [String: Any], comments: [[String: Any]])] {
        try await simulators.jiraIssues(label: label)
    }

    private func jiraIssue(_ label: String) async throws -> (issue: [String: Any], comments: [[String: Any]])? {
        try await jiraIssues(label).first
    }

    /// Polls `probe` every 500 ms until it answers, for at most the step timeout.
    private func waitFor<Value>(_ what: String, _ probe: () async throws -> Value?) async throws -> Value {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + stepTimeout
        printer.waiting(what)
        while clock.now < deadline {
            if let value = try await probe() {
                printer.converged(after: clock.now - start)
                return value
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw DemoFailure("timed out after \(stepTimeout) waiting for \(what)")
    }
}
