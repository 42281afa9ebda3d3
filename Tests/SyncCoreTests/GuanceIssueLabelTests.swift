import Foundation
import SyncCore
import Testing

@Suite("One label scheme for Guance issues in Jira")
struct GuanceIssueLabelTests {
    @Test("writes the sync label, the recurrence label and the old script's raw UUID")
    func writing() {
        #expect(GuanceIssueLabel.sync("issue_7f3a9c").text == "guance-issue_7f3a9c")
        #expect(GuanceIssueLabel.recurrence("issue_7f3a9c", reopenedAtMilliseconds: 1_795_000_000_123).text
            == "guance-issue_7f3a9c-r1795000000123")
        #expect(GuanceIssueLabel.legacy("issue_7f3a9c").text == "issue_7f3a9c")
        #expect(GuanceIssueLabel.recurrenceMark("issue_7f3a9c", reopenedAt: Date(timeIntervalSince1970: 1_795_000_000.123))
            == "issue_7f3a9c-r1795000000123")
    }

    @Test("reads back exactly what it writes, each shape as itself")
    func roundTrip() {
        for label in [
            GuanceIssueLabel.sync("issue_0a1B"), .recurrence("issue_0a1B", reopenedAtMilliseconds: 42), .legacy("issue_0a1B"),
        ] {
            #expect(GuanceIssueLabel(parsing: label.text) == label)
            #expect(label.issueUUID == "issue_0a1B")
        }
    }

    @Test("routing labels, the configured label and malformed look-alikes are not Guance issue labels")
    func rejects() {
        for label in [
            "guance", "guance-", "guance-prod", "guance-issue_", "guance-issue_a-b", "guance-issue_a-r", "guance-issue_a-rx",
            "guance-issue_a-r12x", "issue_", "issue", "issues", "issue_a b", "Guance-issue_a", "guance-guance-issue_a",
            "guance-issue_数据", "xguance-issue_a",
        ] {
            #expect(GuanceIssueLabel(parsing: label) == nil, "\(label)")
        }
    }

    @Test("parses a label list in order, skipping the rest")
    func list() {
        let labels = ["guance", "guance-issue_a-r5", "database", "guance-issue_a", "issue_a"]
        #expect(GuanceIssueLabel.parse(labels) == [.recurrence("issue_a", reopenedAtMilliseconds: 5), .sync("issue_a"), .legacy("issue_a")])
    }

    @Test("jira.migrationAccount is read, and validated; a configured label must not look like one Guance issue's")
    func configuration() throws {
        let configured = try SyncConfiguration.parse("""
            jira: {baseURL: "https://jira.example.com", migrationAccount: "5b10a2844c20165700ede21h"}
            routing: {default: {project: OPS, issueType: "10004"}, rules: [{match: {}, project: DBA, issueType: "1"}]}
            """)
        #expect(configured.jira.migrationAccount == "5b10a2844c20165700ede21h")
        #expect(configured.routing.projects == ["DBA", "OPS"])
        let unset = try SyncConfiguration.parse("""
            jira: {baseURL: "https://jira.example.com"}
            routing: {default: {project: OPS, issueType: "10004"}}
            """)
        #expect(unset.jira.migrationAccount == nil)
        do {
            _ = try SyncConfiguration.parse("""
                jira: {baseURL: "https://jira.example.com", migrationAccount: " dataflux", labels: [guance, guance-issue_x]}
                routing: {default: {project: OPS, issueType: "10004"}}
                """)
            Issue.record("an invalid configuration was accepted")
        } catch {
            let paths = Set(error.problems.map(\.path))
            #expect(paths == ["jira.migrationAccount", "jira.labels[1]"], "\(error)")
        }
    }
}
