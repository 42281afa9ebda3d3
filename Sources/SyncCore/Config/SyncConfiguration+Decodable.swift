import Foundation

extension SyncConfiguration: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case guance, jira, routing, priorities, templates, policies, users }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guance = try container.decodeIfPresent(GuanceSettings.self, forKey: .guance) ?? .init()
        jira = try container.decode(JiraSettings.self, forKey: .jira)
        routing = try container.decode(Routing.self, forKey: .routing)
        priorities = try container.decodeIfPresent([String: String].self, forKey: .priorities) ?? [:]
        templates = try container.decodeIfPresent(Templates.self, forKey: .templates) ?? .init()
        policies = try container.decodeIfPresent(Policies.self, forKey: .policies) ?? .init()
        users = try container.decodeIfPresent(UserMapping.self, forKey: .users) ?? .init()
    }
}

extension SyncConfiguration.GuanceSettings: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseURL, consoleURL, channels, requestsPerMinute, stageBudgets, lendBudget, mirrorChangeReplies, pollIntervalSeconds, overlapSeconds,
            sweepIntervalSeconds
        case syncFrom, preStartReplyCheckSeconds, replyCheckMaxSeconds, closedReplyCheckSeconds
        case allowInsecureHTTP
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        baseURL = try container.decodeIfPresent(String.self, forKey: .baseURL) ?? baseURL
        allowInsecureHTTP = try container.decodeIfPresent(Bool.self, forKey: .allowInsecureHTTP) ?? allowInsecureHTTP
        consoleURL = try container.decodeIfPresent(String.self, forKey: .consoleURL) ?? consoleURL
        channels = try container.decodeIfPresent([String].self, forKey: .channels) ?? channels
        requestsPerMinute = try container.decodeIfPresent(Int.self, forKey: .requestsPerMinute) ?? requestsPerMinute
        stageBudgets = try container.decodeIfPresent([String: Int].self, forKey: .stageBudgets) ?? stageBudgets
        lendBudget = try container.decodeIfPresent(Bool.self, forKey: .lendBudget) ?? lendBudget
        mirrorChangeReplies = try container.decodeIfPresent(Bool.self, forKey: .mirrorChangeReplies) ?? mirrorChangeReplies
        pollIntervalSeconds = try container.decodeIfPresent(Int.self, forKey: .pollIntervalSeconds) ?? pollIntervalSeconds
        overlapSeconds = try container.decodeIfPresent(Int.self, forKey: .overlapSeconds) ?? overlapSeconds
        sweepIntervalSeconds = try container.decodeIfPresent(Int.self, forKey: .sweepIntervalSeconds) ?? sweepIntervalSeconds
        syncFrom = try container.decodeIfPresent(String.self, forKey: .syncFrom)
        preStartReplyCheckSeconds =
            try container.decodeIfPresent(Int.self, forKey: .preStartReplyCheckSeconds) ?? preStartReplyCheckSeconds
        replyCheckMaxSeconds = try container.decodeIfPresent(Int.self, forKey: .replyCheckMaxSeconds) ?? replyCheckMaxSeconds
        closedReplyCheckSeconds =
            try container.decodeIfPresent(Int.self, forKey: .closedReplyCheckSeconds) ?? closedReplyCheckSeconds
    }
}

extension SyncConfiguration.JiraSettings: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseURL, flavor, labels, propertyKey, pollIntervalSeconds, overlapMinutes, migrationAccount
        case allowInsecureHTTP, projectSweepSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(baseURL: try container.decode(String.self, forKey: .baseURL))
        allowInsecureHTTP = try container.decodeIfPresent(Bool.self, forKey: .allowInsecureHTTP) ?? allowInsecureHTTP
        flavor = try container.decodeIfPresent(String.self, forKey: .flavor) ?? flavor
        labels = try container.decodeIfPresent([String].self, forKey: .labels) ?? labels
        propertyKey = try container.decodeIfPresent(String.self, forKey: .propertyKey) ?? propertyKey
        pollIntervalSeconds = try container.decodeIfPresent(Int.self, forKey: .pollIntervalSeconds) ?? pollIntervalSeconds
        overlapMinutes = try container.decodeIfPresent(Int.self, forKey: .overlapMinutes) ?? overlapMinutes
        projectSweepSeconds = try container.decodeIfPresent(Int.self, forKey: .projectSweepSeconds) ?? projectSweepSeconds
        migrationAccount = try container.decodeIfPresent(String.self, forKey: .migrationAccount)
    }
}

extension SyncConfiguration.Templates: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case summary, description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        summary = try container.decodeIfPresent(String.self, forKey: .summary) ?? summary
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? description
    }
}

extension SyncConfiguration.Policies: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case guanceReplyDeleted, jiraCommentDeleted, backlink, reopen, jiraDoneStatusType, conflict, syncAssignees
        case integrationReplies, jiraAssignee, levelFromPriority, changeNotes, jiraIssueDeleted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        guanceReplyDeleted = try container.decodeIfPresent(DeletionPolicy.self, forKey: .guanceReplyDeleted) ?? guanceReplyDeleted
        jiraCommentDeleted = try container.decodeIfPresent(DeletionPolicy.self, forKey: .jiraCommentDeleted) ?? jiraCommentDeleted
        backlink = try container.decodeIfPresent(BacklinkMode.self, forKey: .backlink) ?? backlink
        reopen = try container.decodeIfPresent(ReopenPolicy.self, forKey: .reopen) ?? reopen
        jiraDoneStatusType = try container.decodeIfPresent(Int.self, forKey: .jiraDoneStatusType) ?? jiraDoneStatusType
        conflict = try container.decodeIfPresent(ConflictRule.self, forKey: .conflict) ?? conflict
        syncAssignees = try container.decodeIfPresent(Bool.self, forKey: .syncAssignees) ?? syncAssignees
        integrationReplies =
            try container.decodeIfPresent(IntegrationReplyPolicy.self, forKey: .integrationReplies) ?? integrationReplies
        jiraAssignee = try container.decodeIfPresent(JiraAssigneePolicy.self, forKey: .jiraAssignee) ?? jiraAssignee
        levelFromPriority = try container.decodeIfPresent(Bool.self, forKey: .levelFromPriority) ?? levelFromPriority
        changeNotes = try container.decodeIfPresent(ChangeNotes.self, forKey: .changeNotes) ?? changeNotes
        jiraIssueDeleted = try container.decodeIfPresent(JiraIssueDeletedPolicy.self, forKey: .jiraIssueDeleted) ?? jiraIssueDeleted
    }
}
