import RichText

/// The `extend` object of issues and replies, kept whole so nothing is lost on a round trip.
///
/// Issue modify treats `extend` as replace-all: whatever is not sent is dropped (sending
/// `channels: []` removes the issue from its non-default channels). This type therefore stores
/// every key as received (``fields``) and offers typed views of the documented ones; changing one
/// view leaves all other keys, including unknown ones, untouched.
public struct GuanceExtend: Sendable, Hashable, Codable {
    /// Every key as received, known or not.
    public var fields: [String: JSONValue]

    /// The documented keys; everything else is reported by ``unknownFields``.
    public static let documentedKeys: Set<String> = [
        "manager", "channels", "members", "linkList", "extra", "text", "sourceLink", "view_isuue_url",
    ]

    /// Creates an extend object from raw fields (`{}` by default, the minimum issue add accepts).
    public init(fields: [String: JSONValue] = [:]) { self.fields = fields }

    /// Assignees (`manager`): account UUIDs (`acnt_…`), team UUIDs (`group_…`) and plain emails.
    /// Non-string entries are skipped by the getter but preserved in ``fields`` until this is set.
    public var manager: [String] {
        get { fields["manager"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        set { fields["manager"] = .array(newValue.map(JSONValue.string)) }
    }

    /// `#channel` mentions.
    public var channels: [GuanceMention] {
        get { Self.mentions(fields["channels"]) }
        set { fields["channels"] = .array(newValue.map(\.jsonValue)) }
    }

    /// `@member` mentions (these members are notified).
    public var members: [GuanceMention] {
        get { Self.mentions(fields["members"]) }
        set { fields["members"] = .array(newValue.map(\.jsonValue)) }
    }

    /// Links (`linkList`).
    public var linkList: [GuanceLink] {
        get { fields["linkList"]?.arrayValue?.compactMap(GuanceLink.init(json:)) ?? [] }
        set { fields["linkList"] = .array(newValue.map(\.jsonValue)) }
    }

    /// The plain-text copy of the description (`text`), when present.
    public var text: String? {
        get { fields["text"]?.stringValue }
        set { fields["text"] = newValue.map(JSONValue.string) }
    }

    /// Display-only name information (`extra`).
    public var extra: JSONValue? {
        get { fields["extra"] }
        set { fields["extra"] = newValue }
    }

    /// The keys this library does not know, as received.
    public var unknownFields: [String: JSONValue] {
        fields.filter { !Self.documentedKeys.contains($0.key) }
    }

    /// Decodes any JSON object; `null` or a non-object becomes `{}`.
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        fields = value.objectValue ?? [:]
    }

    /// Encodes every field.
    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(fields).encode(to: encoder)
    }

    private static func mentions(_ value: JSONValue?) -> [GuanceMention] {
        value?.arrayValue?.compactMap(GuanceMention.init(json:)) ?? []
    }
}
