/// Everything that configures one ``GuanceSimulator``: where it listens, the workspace it models,
/// its API keys, rate limits, clock, and one switch per documented uncertainty (``GuanceSimulatorBehaviour``).
///
/// Every property has a default, so `GuanceSimulatorOptions()` gives a working simulator with one key
/// (``GuanceSimulatedAPIKey/jiraSystem``). Properties are plain values so CLI flags map onto them one to one.
public struct GuanceSimulatorOptions: Sendable {
    /// Interface to bind. Defaults to the loopback address.
    public var host: String
    /// Port to bind; `0` asks the system for an ephemeral port (reported by ``GuanceSimulator/run(onListening:)``).
    public var port: Int
    /// The workspace every key belongs to (`wksp_…`).
    public var workspaceUUID: String
    /// The API keys the simulator accepts in the `DF-API-KEY` header.
    public var apiKeys: [GuanceSimulatedAPIKey]
    /// Workspace members that human actions (control API) may act as, and that `managerInfos` resolves.
    public var members: [SimulatedActor]
    /// Members whose accounts are disabled: listed by the members list with `status` 1, and still
    /// resolved in `managerInfos`, but never acting.
    public var disabledMembers: [SimulatedActor]
    /// Names of the live channels created besides `default`.
    public var channelNames: [String]
    /// Names of channels that exist but are deleted (`deleteAt != -1` in `quick_list`).
    public var deletedChannelNames: [String]
    /// Custom issue levels (`issl_…`) listed after the four system levels.
    public var customLevels: [GuanceSimulatedLevelSpec]
    /// Per-key and per-workspace request limits.
    public var rateLimits: GuanceRateLimitOptions
    /// How the simulated clock starts.
    public var clock: GuanceSimulatorClockStart
    /// One option per behaviour the documentation leaves open; can also be changed while running.
    public var behaviour: GuanceSimulatorBehaviour
    /// How many request-log entries the state dump keeps (counts are kept for every request).
    public var requestLogCapacity: Int

    /// Creates options; every argument has a default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        workspaceUUID: String = "wksp_5f0c2b9a7d3e4f1a8b6c0d2e4f6a8b0c",
        apiKeys: [GuanceSimulatedAPIKey] = [.jiraSystem],
        members: [SimulatedActor] = SimulatedActor.defaultMembers,
        disabledMembers: [SimulatedActor] = SimulatedActor.defaultDisabledMembers,
        channelNames: [String] = ["ops"],
        deletedChannelNames: [String] = ["retired"],
        customLevels: [GuanceSimulatedLevelSpec] = [GuanceSimulatedLevelSpec(name: "Blocker", color: "#8B0000")],
        rateLimits: GuanceRateLimitOptions = GuanceRateLimitOptions(),
        clock: GuanceSimulatorClockStart = .system,
        behaviour: GuanceSimulatorBehaviour = GuanceSimulatorBehaviour(),
        requestLogCapacity: Int = 2_000
    ) {
        self.host = host
        self.port = port
        self.workspaceUUID = workspaceUUID
        self.apiKeys = apiKeys
        self.members = members
        self.disabledMembers = disabledMembers
        self.channelNames = channelNames
        self.deletedChannelNames = deletedChannelNames
        self.customLevels = customLevels
        self.rateLimits = rateLimits
        self.clock = clock
        self.behaviour = behaviour
        self.requestLogCapacity = requestLogCapacity
    }
}

/// An API key the simulator accepts.
public struct GuanceSimulatedAPIKey: Sendable, Hashable {
    /// The key's display name; becomes `creatorInfo.name` of everything the key writes (e.g. "Jira System").
    public var name: String
    /// The key's UUID (`wsak_…`); becomes `creator`/`updator`, `creatorInfo.email` and `creatorInfo.username`.
    public var id: String
    /// The secret sent in `DF-API-KEY`. The docs never say whether the secret or the `wsak_` id is sent;
    /// the simulator accepts the secret only.
    public var secret: String

    /// Creates a key.
    public init(name: String, id: String, secret: String) {
        self.name = name
        self.id = id
        self.secret = secret
    }

    /// The default key, named as in the official Jira best practice.
    public static let jiraSystem = GuanceSimulatedAPIKey(
        name: "Jira System",
        id: "wsak_a1b2c3d4e5f60718293a4b5c6d7e8f90",
        secret: "1TfqACVBz0WKXLajZIlw9475RshmOQ6t"
    )

    /// Extra key number `index` (1-based) of the same workspace, for a key pool: `Jira System <n>`,
    /// `wsak_pool…<n>`, secret `poolKey<n>Secret…`.
    public static func pool(_ index: Int) -> GuanceSimulatedAPIKey {
        let number = String(format: "%04d", index)
        return GuanceSimulatedAPIKey(
            name: "Jira System \(index + 1)", id: "wsak_pool000000000000000000000000\(number)",
            secret: "poolKey\(number)SecretSimulatedOnly")
    }
}

/// A custom issue level to create at start-up.
public struct GuanceSimulatedLevelSpec: Sendable, Hashable {
    /// Level name (≤256 characters).
    public var name: String
    /// Display colour, e.g. `#8B0000`.
    public var color: String

    /// Creates a level spec.
    public init(name: String, color: String) {
        self.name = name
        self.color = color
    }
}

/// Rate limits (documented: 20 requests/min per key, 200/min per workspace; window kind undocumented).
public struct GuanceRateLimitOptions: Sendable, Hashable, Codable {
    /// Requests per key per minute; `nil` disables the per-key limit.
    public var perKeyPerMinute: Int?
    /// Requests per workspace (all keys) per minute; `nil` disables the workspace limit.
    public var perWorkspacePerMinute: Int?
    /// Whether the window slides or resets on each whole simulated minute.
    public var window: GuanceRateLimitWindow
    /// Whether throttled requests also use up the budget (a client that keeps hammering then stays throttled).
    public var countsThrottledRequests: Bool

    /// Creates rate-limit options with the documented defaults.
    public init(
        perKeyPerMinute: Int? = 20,
        perWorkspacePerMinute: Int? = 200,
        window: GuanceRateLimitWindow = .sliding,
        countsThrottledRequests: Bool = false
    ) {
        self.perKeyPerMinute = perKeyPerMinute
        self.perWorkspacePerMinute = perWorkspacePerMinute
        self.window = window
        self.countsThrottledRequests = countsThrottledRequests
    }
}

/// The kind of rate-limit window.
public enum GuanceRateLimitWindow: String, Sendable, Hashable, Codable, CaseIterable {
    /// Any 60 s span holds at most the limit.
    case sliding
    /// Counters reset at every whole minute of simulated time (epoch seconds divisible by 60).
    case fixed
}

/// How the simulated clock starts. Either way it can later be advanced or set
/// (``GuanceSimulator/advanceClock(bySeconds:)``, ``GuanceSimulator/setClock(epochSeconds:)``).
public enum GuanceSimulatorClockStart: Sendable, Hashable {
    /// Follows the real clock (plus whatever offset is added later).
    case system
    /// Frozen at the given epoch seconds; moves only when advanced or set.
    case manual(epochSeconds: Double)
}
