/// `users`: which Guance member is which Jira user, for assignees.
///
/// ```yaml
/// users:
///   map:
///     - {guance: acnt_9f8e7d6c5b4a39281706f5e4d3c2b1a0, jira: 5b10a2844c20165700ede21g}  # Cloud accountId
///     - {guance: li.na@example.com, jira: lina}                                        # DC user name or key
///   matchByEmail: true
/// ```
///
/// Explicit pairs always win. With ``matchByEmail``, a Guance member (or an e-mail assignee) and a Jira
/// user with the same e-mail address are paired too — only where Jira shows the address: Jira Cloud
/// often hides it (profile visibility), and such users stay unmapped unless listed in ``map``.
public struct UserMapping: Sendable, Hashable {
    /// Explicit pairs, one Guance value and one Jira user each (one-to-one).
    public var map: [Pair]
    /// Whether members and users with the same e-mail address are paired as well.
    public var matchByEmail: Bool

    /// Creates a mapping.
    public init(map: [Pair] = [], matchByEmail: Bool = false) {
        self.map = map
        self.matchByEmail = matchByEmail
    }

    /// One explicit pair.
    public struct Pair: Sendable, Hashable, Codable {
        /// A Guance account (`acnt_…`), team (`group_…`) or e-mail assignee.
        public var guance: String
        /// The Jira user: Cloud `accountId`, Data Center user name or key.
        public var jira: String

        enum CodingKeys: String, CodingKey, CaseIterable { case guance, jira }

        /// Creates a pair.
        public init(guance: String, jira: String) {
            self.guance = guance
            self.jira = jira
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case map, matchByEmail }

    /// Whether any pairing is configured at all.
    public var isEmpty: Bool { map.isEmpty && !matchByEmail }
}

extension UserMapping: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            map: try container.decodeIfPresent([Pair].self, forKey: .map) ?? [],
            matchByEmail: try container.decodeIfPresent(Bool.self, forKey: .matchByEmail) ?? false)
    }
}
