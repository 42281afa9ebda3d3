public import Foundation

/// A Jira user: `accountId` on Cloud, `name` + `key` on Data Center.
public struct JiraUser: Sendable, Hashable, Decodable {
    /// Cloud account id (empty or absent on Data Center).
    public var accountId: String?
    /// Data Center user name (empty on Cloud).
    public var name: String?
    /// Data Center user key (empty on Cloud).
    public var key: String?
    /// Display name.
    public var displayName: String?
    /// E-mail, often hidden on Cloud.
    public var emailAddress: String?
    /// Profile time zone (IANA id), which JQL date literals are read in.
    public var timeZone: String?
    /// Whether the account is active.
    public var active: Bool?

    /// Creates a user.
    public init(
        accountId: String? = nil, name: String? = nil, key: String? = nil, displayName: String? = nil,
        emailAddress: String? = nil, timeZone: String? = nil, active: Bool? = nil
    ) {
        self.accountId = accountId
        self.name = name
        self.key = key
        self.displayName = displayName
        self.emailAddress = emailAddress
        self.timeZone = timeZone
        self.active = active
    }

    private enum CodingKeys: String, CodingKey {
        case accountId, name, key, displayName, emailAddress, timeZone, active
    }

    /// Decodes leniently: every member may be absent or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accountId = container.lenient(String.self, forKey: .accountId)
        name = container.lenient(String.self, forKey: .name)
        key = container.lenient(String.self, forKey: .key)
        displayName = container.lenient(String.self, forKey: .displayName)
        emailAddress = container.lenient(String.self, forKey: .emailAddress)
        timeZone = container.lenient(String.self, forKey: .timeZone)
        active = container.lenient(Bool.self, forKey: .active)
    }

    /// The identifier that names this user on its deployment: `accountId` on Cloud, else `key`, else `name`.
    public var stableIdentifier: String? {
        [accountId, key, name].compactMap { $0 }.first { !$0.isEmpty }
    }
}

extension JiraUser {
    /// The profile time zone as a `TimeZone`, when Jira sent a known identifier.
    public var profileTimeZone: TimeZone? {
        timeZone.flatMap(TimeZone.init(identifier:))
    }
}
