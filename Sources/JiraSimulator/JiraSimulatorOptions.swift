import Foundation

/// Everything that shapes one simulated Jira site.
public struct JiraSimulatorOptions: Sendable {
    /// Which deployment the simulator imitates.
    public enum Flavour: String, Sendable, CaseIterable {
        /// Jira Cloud: REST v3 (ADF) + v2, `/search/jql`, Basic email:API-token.
        case cloud
        /// Jira Data Center: REST v2 only, `/search` with `startAt`, Bearer PAT.
        case dataCenter
    }

    /// The deployment flavour.
    public var flavour: Flavour
    /// Host to bind (always loopback in tests).
    public var host: String
    /// Port to bind; 0 picks an ephemeral port.
    public var port: Int
    /// Users who may authenticate. The first one is the sync account unless another has `isAdmin`.
    public var users: [JiraSimulatorUser]
    /// Projects with their issue types and workflows.
    public var projects: [JiraSimulatorProject]
    /// How far behind the search index runs (Cloud JSIS lag). Issues in `reconcileIssues` are exempt.
    public var searchIndexLag: Duration
    /// Zone used to render `created`/`updated` timestamps ("system default user time zone").
    public var serverTimeZone: String
    /// Rate limits answered with 429.
    public var limits: JiraSimulatorLimits
    /// Largest page a search returns when fields beyond `id`/`key` are requested (the server may reduce `maxResults`).
    public var maxSearchPageSize: Int
    /// DC with OpenSearch: paging past this many results (`startAt + maxResults`) gives 500 "Search limit exceeded".
    public var dataCenterResultWindow: Int
    /// Priorities known to the site.
    public var priorities: [JiraSimulatorNamedItem]
    /// Resolutions known to the site.
    public var resolutions: [JiraSimulatorNamedItem]
    /// Cloud only: whether people's profiles hide their e-mail address (profile visibility). Hidden
    /// addresses are left out of every user object except the caller's own, and user search does not
    /// match them (the docs do not say whether it would; the conservative choice). Changeable while
    /// running (``JiraSimulator/setEmailsHidden(_:)``).
    public var cloudEmailsHidden: Bool
    /// Whether issues carry `statuscategorychangedate`. Jira Cloud returns it; the public docs the
    /// sync follows do not name it, so a server may leave it out: clients then date a status by
    /// `updated`, which every edit (a comment, a property) moves.
    public var statusCategoryChangeDate: Bool = true
    /// How a search naming an issue key that does not exist (`key in (…)`, `key = …`) is answered.
    public enum UnknownIssueKeys: String, Sendable, CaseIterable {
        /// 400, one message per such key ("An issue with key 'X' does not exist for field 'key'."), as
        /// Jira's strict JQL validation does.
        case named
        /// 400 with a message that names no key (a server whose wording the sync cannot read).
        case unnamed
        /// The key matches nothing (a lenient reading).
        case lenient
    }

    /// How a search naming an issue key that does not exist is answered.
    public var unknownIssueKeys: UnknownIssueKeys = .named

    /// Creates options; every parameter has a usable default.
    public init(
        flavour: Flavour,
        host: String = "127.0.0.1",
        port: Int = 0,
        users: [JiraSimulatorUser]? = nil,
        projects: [JiraSimulatorProject]? = nil,
        searchIndexLag: Duration = .zero,
        serverTimeZone: String = "UTC",
        limits: JiraSimulatorLimits = JiraSimulatorLimits(),
        maxSearchPageSize: Int = 100,
        dataCenterResultWindow: Int = 10_000,
        priorities: [JiraSimulatorNamedItem] = JiraSimulatorNamedItem.defaultPriorities,
        resolutions: [JiraSimulatorNamedItem] = JiraSimulatorNamedItem.defaultResolutions,
        cloudEmailsHidden: Bool = false
    ) {
        self.flavour = flavour
        self.host = host
        self.port = port
        self.users = users ?? JiraSimulatorUser.defaultUsers
        self.projects = projects ?? JiraSimulatorProject.defaultProjects
        self.searchIndexLag = searchIndexLag
        self.serverTimeZone = serverTimeZone
        self.limits = limits
        self.maxSearchPageSize = maxSearchPageSize
        self.dataCenterResultWindow = dataCenterResultWindow
        self.priorities = priorities
        self.resolutions = resolutions
        self.cloudEmailsHidden = cloudEmailsHidden
    }
}
