import Foundation

/// Where a Guance issue goes in Jira: the first rule whose conditions all hold wins, else the
/// configuration's default.
///
/// ```yaml
/// routing:
///   rules:
///     - name: database incidents
///       match: {resourceType: checker, titlePattern: "(?i)mysql|postgres", levels: [system_level_0, system_level_1]}
///       project: DBA
///       issueType: "10004"
///   default: {project: OPS, issueType: "10004"}
/// ```
public struct RoutingRule: Sendable, Hashable, Codable {
    /// A name for logs and `--check-config` messages.
    public var name: String?
    /// The conditions; an absent condition always holds.
    public var match: Match
    /// The Jira project key.
    public var project: String
    /// The Jira issue type **id** (names are localized); checked against create metadata.
    public var issueType: String
    /// Extra labels for issues routed by this rule.
    public var labels: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, match, project, issueType, labels }

    /// Creates a rule.
    public init(name: String? = nil, match: Match, project: String, issueType: String, labels: [String]? = nil) {
        self.name = name
        self.match = match
        self.project = project
        self.issueType = issueType
        self.labels = labels
    }

    /// The conditions of a rule.
    public struct Match: Sendable, Hashable, Codable {
        /// Channel UUIDs (`chan_…`) or names; holds when the issue is in any of them.
        public var channels: [String]?
        /// Level UUIDs (`system_level_0`, `issl_…`); holds when the issue's level is one of them.
        public var levels: [String]?
        /// Resource types (`checker`, `event`, `dashboard`, `viewer`, or `""` for plain issues).
        public var resourceTypes: [String]?
        /// A regular expression searched in the issue title.
        public var titlePattern: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case channels, levels, resourceTypes, titlePattern }

        /// Creates conditions.
        public init(channels: [String]? = nil, levels: [String]? = nil, resourceTypes: [String]? = nil, titlePattern: String? = nil) {
            self.channels = channels
            self.levels = levels
            self.resourceTypes = resourceTypes
            self.titlePattern = titlePattern
        }
    }

    /// Whether the rule applies to an issue. `channels` are the issue's channel UUIDs and names.
    public func matches(_ issue: GuanceIssueSnapshot, channels: Set<String>) -> Bool {
        if let wanted = match.channels, wanted.allSatisfy({ !channels.contains($0) }) { return false }
        if let levels = match.levels, !levels.contains(issue.level?.id ?? "") { return false }
        if let types = match.resourceTypes, !types.contains(issue.resourceType ?? "") { return false }
        if let pattern = match.titlePattern {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
            let range = NSRange(issue.name.startIndex..., in: issue.name)
            if regex.firstMatch(in: issue.name, range: range) == nil { return false }
        }
        return true
    }
}

/// The routing section: ordered rules and a default target.
public struct Routing: Sendable, Hashable, Codable {
    /// Rules, tried in order.
    public var rules: [RoutingRule]
    /// Where issues go when no rule matches.
    public var `default`: Target

    /// Creates a routing section.
    public init(rules: [RoutingRule] = [], default: Target) {
        self.rules = rules
        self.default = `default`
    }

    private enum CodingKeys: String, CodingKey { case rules, `default` }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decodeIfPresent([RoutingRule].self, forKey: .rules) ?? []
        self.default = try container.decode(Target.self, forKey: .default)
    }

    /// A Jira destination.
    public struct Target: Sendable, Hashable, Codable {
        /// The Jira project key.
        public var project: String
        /// The Jira issue type id.
        public var issueType: String

        /// Creates a destination.
        public init(project: String, issueType: String) {
            self.project = project
            self.issueType = issueType
        }
    }

    /// Every project issues are routed to (the rules' and the default's), sorted: where the sync
    /// creates issues, watches them, and may adopt issues it finds.
    public var projects: [String] {
        Set(rules.map(\.project) + [self.default.project]).sorted()
    }

    /// The destination of an issue and the rule that chose it (`nil` for the default).
    public func route(_ issue: GuanceIssueSnapshot, channels: Set<String>) -> (target: Target, rule: RoutingRule?) {
        if let rule = rules.first(where: { $0.matches(issue, channels: channels) }) {
            return (Target(project: rule.project, issueType: rule.issueType), rule)
        }
        return (self.default, nil)
    }
}
