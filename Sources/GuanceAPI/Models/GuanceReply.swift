import Foundation
import RichText

/// A reply on an issue's timeline: a comment (`type: reply`) or a system entry (`type: change`).
public struct GuanceReply: Sendable, Hashable, Decodable, Identifiable {
    /// The primary key (`repim_…`).
    public var uuid: String
    /// The internal numeric id (`null` in create responses).
    public var numericID: Int?
    /// The issue it belongs to.
    public var issueUUID: String
    /// `reply` or `change` (other values kept).
    public var type: GuanceReplyType
    /// The text (up to 65 535 characters).
    public var content: String
    /// Mentions, links, `text`, unknown keys.
    public var extend: GuanceExtend
    /// Attachments (list only).
    public var attachments: [JSONValue]
    /// Author (`acnt_…` or `wsak_…`).
    public var creator: String?
    /// Last editor.
    public var updator: String?
    /// Author display info (list only).
    public var creatorInfo: GuanceAccountInfo?
    /// Creation time.
    public var createdAt: Date?
    /// Last update; `nil` when never updated.
    public var updatedAt: Date?
    /// `latest_modify_time` (list only).
    public var latestModifiedAt: Date?
    /// `is_modify`: whether it was edited (list only).
    public var isModified: Bool?
    /// Deletion time; `nil` when not deleted.
    public var deletedAt: Date?
    /// The workspace.
    public var workspaceUUID: String?

    /// `Identifiable` conformance: the UUID.
    public var id: String { uuid }

    /// Whether the record is marked deleted.
    public var isDeleted: Bool { deletedAt != nil }

    private enum CodingKeys: String, CodingKey {
        case uuid, id, issueUUID, type, content, extend, attachmentsList, creator, updator, creatorInfo
        case createAt, updateAt, latest_modify_time, is_modify, deleteAt, workspaceUUID
    }

    /// Decodes leniently; only `uuid` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        numericID = container.lenientInt(.id)
        issueUUID = container.lenientString(.issueUUID) ?? ""
        type = container.lenient(GuanceReplyType.self, .type) ?? .reply
        content = container.lenientString(.content) ?? ""
        extend = container.lenient(GuanceExtend.self, .extend) ?? GuanceExtend()
        attachments = container.lenient([JSONValue].self, .attachmentsList) ?? []
        creator = container.lenientString(.creator)
        updator = container.lenientString(.updator)
        creatorInfo = container.lenient(GuanceAccountInfo.self, .creatorInfo)
        createdAt = container.guanceTimestamp(.createAt)
        updatedAt = container.guanceTimestamp(.updateAt)
        latestModifiedAt = container.guanceTimestamp(.latest_modify_time)
        isModified = container.lenientBool(.is_modify)
        deletedAt = container.guanceTimestamp(.deleteAt)
        workspaceUUID = container.lenientString(.workspaceUUID)
    }
}
