import Foundation

/// The end of `sync-dev demo`: both sides side by side and the checks that decide the exit code.
struct DemoSummary: Sendable {
    let outcome: DemoStory.Outcome
    let guanceRequests: Int
    let guanceThrottled: Int

    struct Check: Sendable {
        var name: String
        var passed: Bool
    }

    var checks: [Check] {
        [
            Check(name: "exactly one Jira issue for the Guance issue", passed: outcome.jiraIssueCount == 1),
            Check(
                name: "the Guance reply is on Jira exactly once",
                passed: outcome.jiraComments.filter { $0.contains("慢查询") }.count == 1),
            Check(
                name: "the Jira comment is on Guance exactly once",
                passed: outcome.guanceReplies.filter { $0.contains("runaway report query") }.count == 1),
            Check(
                name: "nothing bounced back: 2 comments in Jira, 2 replies in Guance (loop prevention)",
                passed: outcome.jiraComments.count == 2 && outcome.guanceReplies.count == 2),
            Check(name: "statuses agree: Guance open (10), Jira reopened", passed: outcome.guanceStatusType == 10
                && ["new", "indeterminate"].contains(outcome.jiraStatusCategory)),
            Check(name: "Guance never throttled", passed: guanceThrottled == 0),
        ]
    }

    var passed: Bool { checks.allSatisfy(\.passed) }

    func print() {
        var lines = [
            "",
            "Summary",
            "  Guance issue \(outcome.guanceIssue): statusType \(outcome.guanceStatusType), \(outcome.guanceReplies.count) replies (+\(outcome.guanceSystemReplies) status-change entries)",
            "  Jira issue   \(outcome.jiraKey): status category \(outcome.jiraStatusCategory), \(outcome.jiraComments.count) comments",
            "  Guance API: \(guanceRequests) requests, \(guanceThrottled) throttled",
        ]
        for check in checks {
            lines.append("  [\(check.passed ? "ok" : "FAILED")] \(check.name)")
        }
        lines.append(passed ? "RESULT: converged, every check passed" : "RESULT: FAILED")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
