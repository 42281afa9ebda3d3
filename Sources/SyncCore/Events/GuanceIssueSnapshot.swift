import Foundation

/// The full current state of a Guance issue, as observed by guance-poller.
///
/// Writers apply snapshots (not diffs), so a replayed or re-ordered snapshot can be compared with
/// the other side and skipped when nothing differs.
public struct GuanceIssueSnapshot: Sendable, Hashable, Codable {
    /// The issue UUID (`issue_…`): the record key and the identity of the link.
    public var issueUUID: String
    /// The workspace the issue belongs to.
    public var workspaceUUID: String?
    /// The title (`name`).
    public var name: String
    /// The description as Guance stores it: HTML when written in the UI, plain text otherwise.
    public var descriptionHTML: String
    /// The plain-text copy Guance keeps in `extend.text`, when present.
    public var descriptionText: String?
    /// The level: UUID (`system_level_2`, `issl_…`) or a legacy integer as a string, and its name.
    public var level: Level?
    /// The workflow state, `statusType` (10 Open, 15 Working, 20 Resolved, 25 Closed, 30 Pending;
    /// unknown values are kept as they are).
    public var statusType: Int
    /// `event`, `dashboard`, `viewer`, `checker` (monitor), or `nil` for a plain issue.
    public var resourceType: String?
    /// The source name (e.g. the monitor or service).
    public var resource: String?
    /// The source's id (docid, dashboard UUID, …).
    public var resourceUUID: String?
    /// Channels the issue is in (besides the default channel).
    public var channelUUIDs: [String]
    /// Assignees from `extend.manager`: account UUIDs, team UUIDs or e-mail addresses.
    public var assignees: [String]
    /// Links: the issue in the Guance console, its source, and `extend.linkList`.
    public var links: [Link]
    /// Who created the issue.
    public var creator: GuanceActor?
    /// Who changed it last.
    public var updator: GuanceActor?
    /// Creation time (`createAt`, epoch seconds in the API).
    public var createdAt: Date?
    /// Last update (`updateAt`); `nil` when Guance says `-1`/`null` (never updated).
    public var updatedAt: Date?
    /// When the status last changed as guance-poller saw it: the `updatedAt` of the first snapshot
    /// it read with this `statusType` after another one; `nil` when it never saw the status change.
    /// (Guance has no status-change time; `updateAt` moves with any edit.)
    public var statusChangedAt: Date?

    /// Creates a snapshot.
    public init(
        issueUUID: String, workspaceUUID: String? = nil, name: String, descriptionHTML: String,
        descriptionText: String? = nil, level: Level? = nil, statusType: Int, resourceType: String? = nil,
        resource: String? = nil, resourceUUID: String? = nil, channelUUIDs: [String] = [], assignees: [String] = [],
        links: [Link] = [], creator: GuanceActor? = nil, updator: GuanceActor? = nil, createdAt: Date? = nil,
        updatedAt: Date? = nil, statusChangedAt: Date? = nil
    ) {
        self.issueUUID = issueUUID
        self.workspaceUUID = workspaceUUID
        self.name = name
        self.descriptionHTML = descriptionHTML
        self.descriptionText = descriptionText
        self.level = level
        self.statusType = statusType
        self.resourceType = resourceType
        self.resource = resource
        self.resourceUUID = resourceUUID
        self.channelUUIDs = channelUUIDs
        self.assignees = assignees
        self.links = links
        self.creator = creator
        self.updator = updator
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.statusChangedAt = statusChangedAt
    }

    /// A Guance issue level.
    public struct Level: Sendable, Hashable, Codable {
        /// The level UUID, or a legacy integer level as a string.
        public var id: String
        /// The level's display name, when known (`P0`…, `未知`).
        public var name: String?

        /// Creates a level reference.
        public init(id: String, name: String? = nil) {
            self.id = id
            self.name = name
        }
    }

    /// A named link.
    public struct Link: Sendable, Hashable, Codable {
        /// What the link is (`guance`, `source`, or the `linkList` entry's name).
        public var name: String
        /// The URL.
        public var url: String

        /// Creates a link.
        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }
}
