/// A Jira account the sync trusts, known by all its identifiers: the account the sync writes with
/// (from `GET /myself`), to recognise and skip what it wrote itself and to recognise the issues it
/// created; or the old DataFlux Func script's account (`jira.migrationAccount`), whose issues are
/// adopted during the migration.
public struct JiraSyncAccount: Sendable, Hashable {
    /// Every identifier of the account: Cloud `accountId`, Data Center `key` and `name`.
    public var identifiers: Set<String>

    /// Creates an account from its identifiers (empty strings are ignored).
    public init(identifiers: Set<String>) {
        self.identifiers = identifiers.filter { !$0.isEmpty }
    }

    /// Creates an account from `GET /myself`.
    public init(myself: JiraUser) {
        self.init(identifiers: Set([myself.accountId, myself.key, myself.name].compactMap { $0 }))
    }

    /// Whether `user` is this account (matched on any of accountId, key or name).
    public func isSelf(_ user: JiraUser?) -> Bool {
        guard let user else { return false }
        return [user.accountId, user.key, user.name].contains { $0.map(identifiers.contains) ?? false }
    }
}
