/// A user of the simulated site with credentials and profile settings.
public struct JiraSimulatorUser: Sendable, Hashable {
    /// Cloud account id.
    public var accountId: String
    /// Data Center user name (also the DC `key`).
    public var name: String
    /// Display name.
    public var displayName: String
    /// E-mail address (the Cloud basic-auth user).
    public var emailAddress: String
    /// Cloud API token (Basic password) and DC personal access token (Bearer).
    public var token: String
    /// Profile time zone, e.g. `Asia/Shanghai`; JQL date literals are read in it.
    public var timeZone: String
    /// Profile locale, e.g. `en_US` or `zh_CN` (zh gives localized names and messages).
    public var locale: String
    /// Admins may edit anyone's comments.
    public var isAdmin: Bool

    /// Creates a user.
    public init(
        accountId: String,
        name: String,
        displayName: String,
        emailAddress: String,
        token: String,
        timeZone: String = "UTC",
        locale: String = "en_US",
        isAdmin: Bool = false
    ) {
        self.accountId = accountId
        self.name = name
        self.displayName = displayName
        self.emailAddress = emailAddress
        self.token = token
        self.timeZone = timeZone
        self.locale = locale
        self.isAdmin = isAdmin
    }

    var prefersChinese: Bool { locale.lowercased().hasPrefix("zh") }

    /// The sync account (`sync@example.com` / `sync-token`, UTC), a human (`alice@example.com` /
    /// `alice-token`) and the account the old DataFlux Func script used (`dataflux@example.com` /
    /// `dataflux-token`, for migration scenarios).
    public static let defaultUsers: [JiraSimulatorUser] = [
        JiraSimulatorUser(
            accountId: "5b10a2844c20165700ede21f", name: "sync", displayName: "Guance Sync",
            emailAddress: "sync@example.com", token: "sync-token", isAdmin: true),
        JiraSimulatorUser(
            accountId: "5b10a2844c20165700ede21g", name: "alice", displayName: "Alice Human",
            emailAddress: "alice@example.com", token: "alice-token"),
        JiraSimulatorUser(
            accountId: "5b10a2844c20165700ede21h", name: "dataflux", displayName: "DataFlux Func",
            emailAddress: "dataflux@example.com", token: "dataflux-token"),
    ]
}
