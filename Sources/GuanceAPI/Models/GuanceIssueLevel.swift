import Foundation

/// A level from `issue-level/list`: four system levels (`system_level_0…3`, named P0…P3; the UI
/// shows `system_level_3` as 未知/Unknown) and up to 10 custom ones (`issl_…`).
public struct GuanceIssueLevel: Sendable, Hashable, Decodable, Identifiable {
    /// The level UUID.
    public var uuid: String
    /// The name (`P0`…`P3` for system levels).
    public var name: String
    /// The colour, e.g. `#E94444`.
    public var color: String?
    /// The description.
    public var levelDescription: String?
    /// `true` for system levels.
    public var isDefault: Bool
    /// The numeric id (custom levels).
    public var numericID: Int?
    /// Creation time (custom levels).
    public var createdAt: Date?

    /// `Identifiable` conformance: the UUID.
    public var id: String { uuid }

    /// The reference to put in an issue's `level`.
    public var reference: GuanceLevelReference { GuanceLevelReference(uuid: uuid) }

    private enum CodingKeys: String, CodingKey {
        case uuid, name, color, description, isDefault, id, createAt
    }

    /// Decodes leniently; only `uuid` is required. `isDefault` defaults to whether the UUID is a system level.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        name = container.lenientString(.name) ?? ""
        color = container.lenientString(.color)
        levelDescription = container.lenientString(.description)
        isDefault = container.lenientBool(.isDefault) ?? uuid.hasPrefix("system_level_")
        numericID = container.lenientInt(.id)
        createdAt = container.guanceTimestamp(.createAt)
    }
}
