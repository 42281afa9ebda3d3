import JiraAPI
import SyncCore

/// Which Jira issues found by a Guance label the sync may take over as a Guance issue's twin
/// (jira-writer's adoption and `syncctl links rebuild` both ask this).
///
/// Labels and issue properties are claims anyone who may edit an issue can make — and Jira's
/// "Clone" copies labels — so neither proves anything. `creator` is set by Jira and never changes
/// (`reporter` can be changed by anyone with Modify Reporter, so it proves nothing either). An
/// issue is trusted only when it is in a routed project **and** Jira says its creator is the
/// sync's own account (its earlier create), or the configured `jira.migrationAccount` (the old
/// DataFlux Func script's issues). Cloud names the creator by `accountId`, Data Center by `name`
/// and `key`; ``JiraSyncAccount`` matches any of them.
package struct AdoptionRule: Sendable, Hashable {
    /// Project keys issues are routed to.
    package var projects: Set<String>
    /// The sync's own account, `nil` while unknown (then no issue counts as the sync's own).
    package var syncAccount: JiraSyncAccount?
    /// The old script's account (`jira.migrationAccount`), if configured.
    package var migrationAccount: JiraSyncAccount?

    /// Why an issue is (or is not) trusted.
    package enum Verdict: Sendable, Hashable {
        /// Created by the sync's own account.
        case createdBySync
        /// Created by the configured migration account.
        case createdByMigrationAccount
        /// Not trusted, with the reason (for logs and `links rebuild`).
        case refused(String)

        /// Whether the issue may be adopted.
        package var isTrusted: Bool {
            if case .refused = self { return false }
            return true
        }
    }

    /// Creates a rule.
    package init(projects: Set<String>, syncAccount: JiraSyncAccount?, migrationAccount: JiraSyncAccount? = nil) {
        self.projects = projects
        self.syncAccount = syncAccount
        self.migrationAccount = migrationAccount
    }

    /// The rule of `configuration` (routed projects, `jira.migrationAccount`) for the sync account `syncAccount`.
    package init(configuration: SyncConfiguration, syncAccount: JiraSyncAccount?) {
        self.init(
            projects: Set(configuration.routing.projects), syncAccount: syncAccount,
            migrationAccount: configuration.jira.migrationAccount.map { JiraSyncAccount(identifiers: [$0]) })
    }

    /// The verdict on `issue` (found with ``FoundJiraIssue/searchFields``).
    package func verdict(on issue: FoundJiraIssue) -> Verdict {
        guard let project = issue.projectKey else { return .refused("its project is unknown") }
        guard projects.contains(project) else {
            return .refused("project \(project) is not routed (\(projects.sorted().joined(separator: ", ")))")
        }
        guard let creator = issue.creator else { return .refused("its creator is unknown") }
        if syncAccount?.isSelf(creator) == true { return .createdBySync }
        if migrationAccount?.isSelf(creator) == true { return .createdByMigrationAccount }
        let name = creator.displayName ?? creator.stableIdentifier ?? "unknown"
        let who = creator.stableIdentifier.map { "\(name) (\($0))" } ?? name
        return .refused("created by \(who), neither the sync account nor jira.migrationAccount")
    }
}
