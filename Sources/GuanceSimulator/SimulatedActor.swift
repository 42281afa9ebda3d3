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

    /// The members of every default workspace: 张伟 and Alice Martin (who act by default), and 李娜,
    /// Bob Chen and 王芳 to assign issues to (王芳 has no Jira account in the Jira simulator).
    public static let defaultMembers: [SimulatedActor] = [
        .account(uuid: "acnt_9f8e7d6c5b4a39281706f5e4d3c2b1a0", name: "张伟", email: "zhang.wei@example.com"),
        .account(uuid: "acnt_0a1b2c3d4e5f60718293a4b5c6d7e8f9", name: "Alice Martin", email: "alice@example.com"),
        .account(uuid: "acnt_1b2c3d4e5f60718293a4b5c6d7e8f90a", name: "李娜", email: "li.na@example.com"),
        .account(uuid: "acnt_2c3d4e5f60718293a4b5c6d7e8f90a1b", name: "Bob Chen", email: "bob@example.com"),
        .account(uuid: "acnt_3d4e5f60718293a4b5c6d7e8f90a1b2c", name: "王芳", email: "wang.fang@example.com"),
    ]

    /// A member whose account is disabled (listed with `status` 1): someone who left.
    public static let defaultDisabledMembers: [SimulatedActor] = [
        .account(uuid: "acnt_4e5f60718293a4b5c6d7e8f90a1b2c3d", name: "离职员工", email: "former@example.com"),
    ]
}
