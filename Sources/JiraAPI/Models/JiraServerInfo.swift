/// `GET /rest/api/2/serverInfo`.
public struct JiraServerInfo: Sendable, Hashable, Decodable {
    /// `Cloud`, `Server` or `DataCenter`.
    public var deploymentType: String?
    /// Version text, e.g. `9.12.0`.
    public var version: String?
    /// Version numbers, e.g. `[9, 12, 0]`.
    public var versionNumbers: [Int]?
    /// The site's base URL as Jira sees it.
    public var baseUrl: String?
    /// The server's default zone (not the user's; JQL uses the user's).
    public var serverTimeZone: String?

    /// The flavour this server implies; unknown deployment types count as Data Center when the
    /// server is not Cloud (Cloud always says `Cloud`).
    public var flavor: JiraFlavor {
        deploymentType.flatMap(JiraFlavor.init(deploymentType:)) ?? .dataCenter
    }
}
