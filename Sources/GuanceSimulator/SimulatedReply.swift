import RichText

/// A reply (timeline entry) as the simulator stores it.
public struct SimulatedReply: Sendable, Hashable {
    /// `repim_…`.
    public let uuid: String
    /// Internal numeric id (rendered `null` in the create response, as documented).
    public let id: Int
    /// The issue this reply belongs to.
    public let issueUUID: String
    /// `"reply"` for comments, `"change"` for system timeline entries.
    public let type: String
    /// Text (≤65535 characters).
    public var content: String
    /// The `extend` object as last written.
    public var extend: JSONValue
    /// Who wrote it.
    public let creator: SimulatedActor
    /// Who last edited it.
    public var updator: SimulatedActor
    /// Creation time, epoch seconds.
    public let createAt: Double
    /// Last edit time; `nil` if never edited.
    public var updateAt: Double?
    /// Deletion time; `nil` means `deleteAt: -1`.
    public var deleteAt: Double?

    /// Whether the reply was edited after creation (`is_modify`).
    public var isModified: Bool { updateAt != nil }
}
