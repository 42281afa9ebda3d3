/// Who performed a write: a workspace member, an API key, or the system (monitors, auto-discovery).
public struct SimulatedActor: Sendable, Hashable, Codable {
    /// The kind of actor.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A workspace member (`acnt_…`), acting through the UI.
        case account
        /// An API key (`wsak_…`), acting through the OpenAPI.
        case apiKey
        /// A monitor or auto-discovery rule.
        case system
    }

    /// The value of `creator`/`updator`.
    public var uuid: String
    /// `creatorInfo.name`: the member's name or the key's name.
    public var name: String
    /// `creatorInfo.email`.
    public var email: String
    /// `creatorInfo.username`.
    public var username: String
    /// The kind of actor.
    public var kind: Kind

    /// Creates an actor.
    public init(uuid: String, name: String, email: String, username: String, kind: Kind) {
        self.uuid = uuid
        self.name = name
        self.email = email
        self.username = username
        self.kind = kind
    }

    /// A workspace member; `username` is the email, as in the docs' examples.
    public static func account(uuid: String, name: String, email: String) -> SimulatedActor {
        SimulatedActor(uuid: uuid, name: name, email: email, username: email, kind: .account)
    }

    /// The actor an API key writes as: documented `creatorInfo.email = username =` the `wsak_` uuid.
    public static func apiKey(_ key: GuanceSimulatedAPIKey) -> SimulatedActor {
        SimulatedActor(uuid: key.id, name: key.name, email: key.id, username: key.id, kind: .apiKey)
    }

    /// A monitor ("sync create Issue"). The docs do not say what `creator` a monitor writes; the simulator uses `SYS`.
    public static let monitor = SimulatedActor(uuid: "SYS", name: "Monitor", email: "", username: "", kind: .system)

    /// Issue auto-discovery, shown as "Issue 自动发现" in the UI
    /// (its `creator` is undocumented; the simulator uses `SYS`).
    public static let autoDiscovery = SimulatedActor(
        uuid: "SYS", name: "Issue 自动发现", email: "", username: "", kind: .system
    )

    /// Two members present in every default workspace.
    public static let defaultMembers: [SimulatedActor] = [
        .account(uuid: "acnt_9f8e7d6c5b4a39281706f5e4d3c2b1a0", name: "张伟", email: "zhang.wei@example.com"),
        .account(uuid: "acnt_0a1b2c3d4e5f60718293a4b5c6d7e8f9", name: "Alice Martin", email: "alice@example.com"),
    ]
}
