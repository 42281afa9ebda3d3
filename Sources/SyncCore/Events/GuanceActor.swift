/// Who did something in Guance: a member account (`acnt_…`), an API key (`wsak_…`), or a system
/// actor such as a monitor or issue auto-discovery.
public struct GuanceActor: Sendable, Hashable, Codable {
    /// The account, key or system id (`creator` / `updator` in the OpenAPI).
    public var id: String
    /// The display name (`creatorInfo.name`; for an API key, the key's name).
    public var name: String?
    /// The e-mail, when Guance gives one (for an API key it is the `wsak_…` id again).
    public var email: String?

    /// Creates an actor.
    public init(id: String, name: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
    }

    /// An actor as Guance describes them (`creatorInfo` / `updatorInfo`): a member by their workspace
    /// nickname, else their name; an API key (`wsak_…`) only by the key's name, so an integration's
    /// writes are never shown as a person's.
    public init(id: String, nickname: String?, name: String?, email: String?) {
        let keyName = name.flatMap { $0.isEmpty ? nil : $0 }
        let isKey = id.hasPrefix("wsak_")
        self.init(id: id, name: isKey ? keyName : nickname.flatMap { $0.isEmpty ? nil : $0 } ?? keyName, email: email)
    }

    /// Whether this actor is an API key (writes through the OpenAPI), as opposed to a person.
    public var isAPIKey: Bool { id.hasPrefix("wsak_") }
}
