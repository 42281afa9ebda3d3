/// A field on a create or transition screen, with its allowed values (createmeta, transitions).
public struct JiraFieldMetadata: Sendable, Hashable, Decodable {
    /// Field id (`priority`, `resolution`, `customfield_10010`); from `fieldId` or `key`.
    public var fieldId: String?
    /// Localized name.
    public var name: String?
    /// Whether the screen requires it.
    public var required: Bool
    /// Whether Jira fills a default when it is omitted.
    public var hasDefaultValue: Bool
    /// Allowed operations (`set`, `add`, …).
    public var operations: [String]
    /// `schema.type` (`priority`, `resolution`, `array`, …).
    public var schemaType: String?
    /// Allowed values (priorities, resolutions, options), mapped by id.
    public var allowedValues: [JiraNamedReference]

    /// Creates metadata.
    public init(
        fieldId: String?, name: String? = nil, required: Bool = false, hasDefaultValue: Bool = false,
        operations: [String] = [], schemaType: String? = nil, allowedValues: [JiraNamedReference] = []
    ) {
        self.fieldId = fieldId
        self.name = name
        self.required = required
        self.hasDefaultValue = hasDefaultValue
        self.operations = operations
        self.schemaType = schemaType
        self.allowedValues = allowedValues
    }

    private enum CodingKeys: String, CodingKey {
        case fieldId, key, name, required, hasDefaultValue, operations, schema, allowedValues
    }

    private struct Schema: Decodable {
        var type: String?
    }

    /// Decodes leniently; allowed values that are not `{id,…}` objects are dropped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fieldId = container.lenient(String.self, forKey: .fieldId) ?? container.lenient(String.self, forKey: .key)
        name = container.lenient(String.self, forKey: .name)
        required = container.lenient(Bool.self, forKey: .required) ?? false
        hasDefaultValue = container.lenient(Bool.self, forKey: .hasDefaultValue) ?? false
        operations = container.lenient([String].self, forKey: .operations) ?? []
        schemaType = container.lenient(Schema.self, forKey: .schema)?.type
        let values = container.lenient([LenientElement<JiraNamedReference>].self, forKey: .allowedValues) ?? []
        allowedValues = values.compactMap(\.value).filter { !$0.id.isEmpty }
    }
}
