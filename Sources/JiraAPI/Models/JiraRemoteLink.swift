import RichText

/// A remote link to upsert on an issue, keyed by ``globalId``.
public struct JiraRemoteLink: Sendable, Hashable {
    /// Unique per issue (≤ 255 characters); a POST with an existing one updates it.
    public var globalId: String
    /// Target URL (required).
    public var url: String
    /// Title (required).
    public var title: String
    /// Optional summary line.
    public var summary: String?
    /// `application.type`, e.g. `com.guance.cloud`.
    public var applicationType: String?
    /// `application.name`, e.g. `Guance Cloud`.
    public var applicationName: String?
    /// `relationship`, e.g. `tracked in`.
    public var relationship: String?
    /// 16×16 icon URL and title.
    public var iconURL: String?
    /// `object.status.resolved`.
    public var resolved: Bool?

    /// Creates a link description.
    public init(
        globalId: String, url: String, title: String, summary: String? = nil, applicationType: String? = nil,
        applicationName: String? = nil, relationship: String? = nil, iconURL: String? = nil, resolved: Bool? = nil
    ) {
        self.globalId = globalId
        self.url = url
        self.title = title
        self.summary = summary
        self.applicationType = applicationType
        self.applicationName = applicationName
        self.relationship = relationship
        self.iconURL = iconURL
        self.resolved = resolved
    }

    /// The request body. Every member is sent on each upsert because Jira nulls omitted ones.
    var requestBody: JSONValue {
        var object: [String: JSONValue] = ["url": .string(url), "title": .string(title)]
        if let summary { object["summary"] = .string(summary) }
        if let iconURL { object["icon"] = .object(["url16x16": .string(iconURL), "title": .string(applicationName ?? title)]) }
        if let resolved { object["status"] = .object(["resolved": .bool(resolved)]) }
        var body: [String: JSONValue] = ["globalId": .string(globalId), "object": .object(object)]
        var application: [String: JSONValue] = [:]
        if let applicationType { application["type"] = .string(applicationType) }
        if let applicationName { application["name"] = .string(applicationName) }
        if !application.isEmpty { body["application"] = .object(application) }
        if let relationship { body["relationship"] = .string(relationship) }
        return .object(body)
    }
}
