/// Jira's error body (`ErrorCollection`): `{"errorMessages":[…],"errors":{"field":"message"},"status":400}`.
///
/// Messages are localized to the user's language: branch on the HTTP status and on the **keys** of
/// ``fieldErrors``, never on the text.
public struct JiraErrorCollection: Sendable, Hashable, Decodable {
    /// Global messages.
    public var errorMessages: [String]
    /// Field id → message.
    public var fieldErrors: [String: String]
    /// The status Jira repeated in the body, when present.
    public var status: Int?

    /// Creates a collection.
    public init(errorMessages: [String] = [], fieldErrors: [String: String] = [:], status: Int? = nil) {
        self.errorMessages = errorMessages
        self.fieldErrors = fieldErrors
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case errorMessages, errors, status
    }

    /// Decodes leniently: missing members are empty, and non-string field messages are rendered as text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errorMessages = (try? container.decodeIfPresent([String].self, forKey: .errorMessages)) ?? []
        var fields: [String: String] = [:]
        if let raw = try? container.decodeIfPresent([String: JSONValueText].self, forKey: .errors) {
            for (key, value) in raw { fields[key] = value.text }
        }
        fieldErrors = fields
        status = try? container.decodeIfPresent(Int.self, forKey: .status)
    }

    /// Whether nothing at all was reported.
    public var isEmpty: Bool { errorMessages.isEmpty && fieldErrors.isEmpty }
}

/// Any JSON scalar read as text (Jira sometimes reports non-string values under `errors`).
private struct JSONValueText: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            text = value
        } else if let value = try? container.decode(Int64.self) {
            text = String(value)
        } else if let value = try? container.decode(Bool.self) {
            text = String(value)
        } else {
            text = ""
        }
    }
}
