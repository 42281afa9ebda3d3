import RichText

/// A `#channel` or `@member` mention in `extend.channels` / `extend.members`:
/// `{type:"#", uuid:"chan_…", exists:true}`. Unknown keys of the entry are preserved.
public struct GuanceMention: Sendable, Hashable {
    /// `#` for channels, `@` for members.
    public var type: String
    /// The mentioned object's UUID.
    public var uuid: String
    /// Whether the object existed when mentioned.
    public var exists: Bool?
    /// Keys of the entry other than the three above.
    public var otherFields: [String: JSONValue]

    /// Creates a mention.
    public init(type: String, uuid: String, exists: Bool? = true, otherFields: [String: JSONValue] = [:]) {
        self.type = type
        self.uuid = uuid
        self.exists = exists
        self.otherFields = otherFields
    }

    /// A channel mention (`#`).
    public static func channel(_ uuid: String) -> GuanceMention { GuanceMention(type: "#", uuid: uuid) }

    /// A member mention (`@`).
    public static func member(_ uuid: String) -> GuanceMention { GuanceMention(type: "@", uuid: uuid) }

    init?(json: JSONValue) {
        guard var object = json.objectValue, let uuid = object.removeValue(forKey: "uuid")?.stringValue else {
            return nil
        }
        self.uuid = uuid
        self.type = object.removeValue(forKey: "type")?.stringValue ?? ""
        if case .bool(let exists)? = object.removeValue(forKey: "exists") { self.exists = exists } else { self.exists = nil }
        self.otherFields = object
    }

    var jsonValue: JSONValue {
        var object = otherFields
        object["type"] = .string(type)
        object["uuid"] = .string(uuid)
        if let exists { object["exists"] = .bool(exists) }
        return .object(object)
    }
}
