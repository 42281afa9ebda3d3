/// A user of the simulated site with credentials and profile settings.
public struct JiraSimulatorUser: Sendable, Hashable {
    /// Cloud account id.
    public var accountId: String
    /// Data Center user name.
    public var name: String
    /// Data Center user key: the name, unless the user was renamed (then e.g. `JIRAUSER10100`).
    public var key: String
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
    /// Inactive users are found by neither user search nor assignment.
    public var active: Bool

    /// Creates a user.
    public init(
        accountId: String,
        name: String,
        displayName: String,
        emailAddress: String,
        token: String,
        timeZone: String = "UTC",
        locale: String = "en_US",
        isAdmin: Bool = false,
        key: String? = nil,
        active: Bool = true
    ) {
        self.accountId = accountId
        self.name = name
        self.key = key ?? name
        self.displayName = displayName
        self.emailAddress = emailAddress
        self.token = token
        self.timeZone = timeZone
        self.locale = locale
        self.isAdmin = isAdmin
        self.active = active
    }

    /// Whether `reference` names this user: account id, user name, key or e-mail.
    func isNamed(_ reference: String) -> Bool {
        [accountId, name, key, emailAddress].contains(reference)
    }

    var prefersChinese: Bool { locale.lowercased().hasPrefix("zh") }

    /// The sync account (`sync@example.com` / `sync-token`, UTC), a human (`alice@example.com` /
    /// `alice-token`), the account the old DataFlux Func script used (`dataflux@example.com` /
    /// `dataflux-token`, for migration scenarios), and more people to assign issues to: 张伟 and Bob
    /// Chen, 李娜 (renamed on Data Center: key `JIRAUSER10100`, name `lina`) and an inactive user.
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
        JiraSimulatorUser(
            accountId: "5b10a2844c20165700ede21i", name: "zhangwei", displayName: "张伟",
            emailAddress: "zhang.wei@example.com", token: "zhangwei-token", timeZone: "Asia/Shanghai", locale: "zh_CN"),
        JiraSimulatorUser(
            accountId: "5b10a2844c20165700ede21j", name: "bob", displayName: "Bob Chen",
            emailAddress: "bob@example.com", token: "bob-token"),
        JiraSimulatorUser(
            accountId: "5b10a2844c20165700ede21k", name: "lina", displayName: "李娜",
            emailAddress: "li.na@example.com", token: "lina-token", timeZone: "Asia/Shanghai", locale: "zh_CN",
            key: "JIRAUSER10100"),
        JiraSimulatorUser(
            accountId: "5b10a2844c20165700ede21l", name: "former", displayName: "Former Colleague",
            emailAddress: "former@example.com", token: "former-token", active: false),
    ]
}
