import Foundation

/// An exception-tracking issue, as returned by issue list, get, add and modify.
///
/// Decoding is lenient: only `uuid` is required; timestamps accept ints, floats, strings, `null`
/// and `-1`; `level` accepts both forms; unknown fields are ignored.
public struct GuanceIssue: Sendable, Hashable, Decodable, Identifiable {
    /// The primary key (`issue_…`).
    public var uuid: String
    /// The internal numeric id.
    public var numericID: Int?
    /// The title (`name`; there is no `title` field).
    public var name: String
    /// The description exactly as sent: HTML with mention spans when written by the UI, plain text
    /// from the API or monitors. See ``extend`` `.text` for the plain-text copy.
    public var descriptionHTML: String
    /// The level.
    public var level: GuanceLevelReference
    /// The workflow state.
    public var statusType: GuanceStatusType
    /// The undocumented record flag `status` (not the workflow state).
    public var recordStatus: Int?
    /// `event`, `dashboard`, `viewer`, `checker` (monitor) or empty.
    public var resourceType: String
    /// The source name.
    public var resource: String
    /// The source object id.
    public var resourceUUID: String
    /// Undocumented.
    public var subIdentify: String?
    /// Assignees, mentions, links and unknown keys.
    public var extend: GuanceExtend
    /// Who created it (`acnt_…` or `wsak_…`).
    public var creator: String?
    /// Who changed it last.
    public var updator: String?
    /// Creator display info.
    public var creatorInfo: GuanceAccountInfo?
    /// Updator display info.
    public var updatorInfo: GuanceAccountInfo?
    /// Creation time.
    public var createdAt: Date?
    /// Last update; `nil` when never updated (`-1`/`null`).
    public var updatedAt: Date?
    /// Deletion time; `nil` when not deleted (`-1`).
    public var deletedAt: Date?
    /// The workspace (`wksp_…`).
    public var workspaceUUID: String?
    /// Get-only fields; `nil` for objects from list, add and modify.
    public var details: GuanceIssueDetails?

    /// `Identifiable` conformance: the UUID.
    public var id: String { uuid }

    /// Whether the record is marked deleted (`deleteAt != -1`).
    public var isDeleted: Bool { deletedAt != nil }

    /// Whether the issue was written by an API key (`wsak_…`), e.g. by this sync.
    public var isUpdatedByAPIKey: Bool { updator?.hasPrefix("wsak_") ?? false }

    private enum CodingKeys: String, CodingKey {
        case uuid, id, name, description, level, statusType, status, resourceType, resource, resourceUUID
        case subIdentify, extend, creator, updator, creatorInfo, updatorInfo, createAt, updateAt, deleteAt
        case workspaceUUID
    }

    /// Decodes leniently.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        numericID = container.lenientInt(.id)
        name = container.lenientString(.name) ?? ""
        descriptionHTML = container.lenientString(.description) ?? ""
        level = container.lenient(GuanceLevelReference.self, .level) ?? .none
        statusType = container.lenient(GuanceStatusType.self, .statusType) ?? .open
        recordStatus = container.lenientInt(.status)
        resourceType = container.lenientString(.resourceType) ?? ""
        resource = container.lenientString(.resource) ?? ""
        resourceUUID = container.lenientString(.resourceUUID) ?? ""
        subIdentify = container.lenientString(.subIdentify)
        extend = container.lenient(GuanceExtend.self, .extend) ?? GuanceExtend()
        creator = container.lenientString(.creator)
        updator = container.lenientString(.updator)
        creatorInfo = container.lenient(GuanceAccountInfo.self, .creatorInfo)
        updatorInfo = container.lenient(GuanceAccountInfo.self, .updatorInfo)
        createdAt = container.guanceTimestamp(.createAt)
        updatedAt = container.guanceTimestamp(.updateAt)
        deletedAt = container.guanceTimestamp(.deleteAt)
        workspaceUUID = container.lenientString(.workspaceUUID)
        let details = try GuanceIssueDetails(from: decoder)
        self.details = details.isEmpty ? nil : details
    }
}
