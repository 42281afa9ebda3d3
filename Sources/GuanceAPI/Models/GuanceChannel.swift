import Foundation
import RichText

/// A channel (频道) from `channel/quick_list`. The default channel is named `default`.
public struct GuanceChannel: Sendable, Hashable, Decodable, Identifiable {
    /// The primary key (`chan_…`).
    public var uuid: String
    /// The internal numeric id.
    public var numericID: Int?
    /// The name (`default` for the default channel).
    public var name: String
    /// The description.
    public var channelDescription: String
    /// Notify-object UUIDs (`notify_…`).
    public var notifyTarget: [String]
    /// The record flag.
    public var recordStatus: Int?
    /// The caller's subscription type, as sent.
    public var subscribeType: JSONValue?
    /// Creation time.
    public var createdAt: Date?
    /// Last update (the docs show a float here once).
    public var updatedAt: Date?
    /// Deletion time; `nil` when not deleted. `quick_list` does return deleted channels.
    public var deletedAt: Date?
    /// The workspace.
    public var workspaceUUID: String?

    /// `Identifiable` conformance: the UUID.
    public var id: String { uuid }

    /// Whether the record is marked deleted.
    public var isDeleted: Bool { deletedAt != nil }

    /// Whether this is the workspace's default channel (every issue is in it).
    public var isDefault: Bool { name == "default" }

    private enum CodingKeys: String, CodingKey {
        case uuid, id, name, description, notifyTarget, status, subscribeType, createAt, updateAt, deleteAt
        case workspaceUUID
    }

    /// Decodes leniently; only `uuid` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        numericID = container.lenientInt(.id)
        name = container.lenientString(.name) ?? ""
        channelDescription = container.lenientString(.description) ?? ""
        notifyTarget = (container.lenient([JSONValue].self, .notifyTarget) ?? []).compactMap(\.stringValue)
        recordStatus = container.lenientInt(.status)
        subscribeType = container.lenient(JSONValue.self, .subscribeType)
        createdAt = container.guanceTimestamp(.createAt)
        updatedAt = container.guanceTimestamp(.updateAt)
        deletedAt = container.guanceTimestamp(.deleteAt)
        workspaceUUID = container.lenientString(.workspaceUUID)
    }
}
