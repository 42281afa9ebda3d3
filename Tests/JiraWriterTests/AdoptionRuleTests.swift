import JiraAPI
import JiraWriter
import SyncCore
import Testing

@Suite("Which Jira issues found by a Guance label may be adopted")
struct AdoptionRuleTests {
    static func issue(project: String? = "OPS", creator: JiraUser?) -> FoundJiraIssue {
        FoundJiraIssue(id: "1", key: "OPS-1", labels: ["guance-issue_a"], projectKey: project, creator: creator)
    }

    @Test("Cloud: creator matched on accountId; the sync account and the migration account are trusted, a person is not")
    func cloud() {
        let rule = AdoptionRule(
            projects: ["OPS"], syncAccount: JiraSyncAccount(myself: JiraUser(accountId: "5b10-sync")),
            migrationAccount: JiraSyncAccount(identifiers: ["5b10-dataflux"]))
        #expect(rule.verdict(on: Self.issue(creator: JiraUser(accountId: "5b10-sync"))) == .createdBySync)
        #expect(rule.verdict(on: Self.issue(creator: JiraUser(accountId: "5b10-dataflux"))) == .createdByMigrationAccount)
        #expect(!rule.verdict(on: Self.issue(creator: JiraUser(accountId: "5b10-alice", displayName: "Alice"))).isTrusted)
        #expect(!rule.verdict(on: Self.issue(creator: nil)).isTrusted, "an issue whose creator is not known is not trusted")
    }

    @Test("Data Center: creator matched on name or key (the migration account may be configured by either)")
    func dataCenter() {
        let rule = AdoptionRule(
            projects: ["OPS"], syncAccount: JiraSyncAccount(myself: JiraUser(name: "sync", key: "JIRAUSER10100")),
            migrationAccount: JiraSyncAccount(identifiers: ["JIRAUSER10200"]))
        #expect(rule.verdict(on: Self.issue(creator: JiraUser(name: "sync", key: "JIRAUSER10100"))) == .createdBySync)
        #expect(rule.verdict(on: Self.issue(creator: JiraUser(name: "dataflux", key: "JIRAUSER10200"))) == .createdByMigrationAccount)
        #expect(!rule.verdict(on: Self.issue(creator: JiraUser(name: "alice", key: "JIRAUSER10300"))).isTrusted)
    }

    @Test("Only routed projects: the sync's own issue elsewhere, or of unknown project, is refused")
    func projects() {
        let rule = AdoptionRule(projects: ["OPS", "DBA"], syncAccount: JiraSyncAccount(identifiers: ["sync"]))
        #expect(rule.verdict(on: Self.issue(project: "DBA", creator: JiraUser(accountId: "sync"))) == .createdBySync)
        #expect(rule.verdict(on: Self.issue(project: "SUP", creator: JiraUser(accountId: "sync")))
            == .refused("project SUP is not routed (DBA, OPS)"))
        #expect(!rule.verdict(on: Self.issue(project: nil, creator: JiraUser(accountId: "sync"))).isTrusted)
    }

    @Test("The sync account unknown (nothing looked up): nothing counts as the sync's own")
    func unknownSyncAccount() {
        let rule = AdoptionRule(projects: ["OPS"], syncAccount: nil)
        #expect(!rule.verdict(on: Self.issue(creator: JiraUser(accountId: "sync"))).isTrusted)
    }

    @Test("From the configuration: routed projects (rules and default) and jira.migrationAccount")
    func fromConfiguration() throws {
        var configuration = SyncConfiguration(
            guance: .init(), jira: .init(baseURL: "https://jira.example"),
            routing: Routing(rules: [RoutingRule(match: .init(), project: "DBA", issueType: "1")], default: .init(project: "OPS", issueType: "1")))
        configuration.jira.migrationAccount = "dataflux"
        let rule = AdoptionRule(configuration: configuration, syncAccount: JiraSyncAccount(identifiers: ["sync"]))
        #expect(rule.projects == ["DBA", "OPS"])
        #expect(rule.verdict(on: Self.issue(project: "DBA", creator: JiraUser(name: "dataflux"))) == .createdByMigrationAccount)
    }
}
