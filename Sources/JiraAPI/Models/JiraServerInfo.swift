public import Foundation

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
    /// The server's clock when it answered (`serverTime`; `nil` when absent or unreadable).
    public var serverTime: Date?

    private enum CodingKeys: String, CodingKey {
        case deploymentType, version, versionNumbers, baseUrl, serverTimeZone, serverTime
    }

    /// Decodes the answer; an unreadable `serverTime` is left out rather than failing the whole answer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        deploymentType = try? container.decodeIfPresent(String.self, forKey: .deploymentType)
        version = try? container.decodeIfPresent(String.self, forKey: .version)
        versionNumbers = try? container.decodeIfPresent([Int].self, forKey: .versionNumbers)
        baseUrl = try? container.decodeIfPresent(String.self, forKey: .baseUrl)
        serverTimeZone = try? container.decodeIfPresent(String.self, forKey: .serverTimeZone)
        serverTime = (try? container.decodeIfPresent(String.self, forKey: .serverTime)).flatMap { $0 }.flatMap(JiraTimestamp.parse)
    }

    /// The flavour this server implies; unknown deployment types count as Data Center when the
    /// server is not Cloud (Cloud always says `Cloud`).
    public var flavor: JiraFlavor {
        deploymentType.flatMap(JiraFlavor.init(deploymentType:)) ?? .dataCenter
    }
}
