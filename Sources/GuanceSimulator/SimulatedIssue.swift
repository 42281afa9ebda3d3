import RichText

/// An issue as the simulator stores it. Rendering (level format, timestamps) happens per request.
public struct SimulatedIssue: Sendable, Hashable {
    /// `issue_…`.
    public let uuid: String
    /// Internal numeric id.
    public let id: Int
    /// The title.
    public var name: String
    /// HTML or plain text.
    public var description: String
    /// Level UUID (`system_level_N`, `issl_…`, or `""`).
    public var level: String
    /// Workflow state: 10 Open, 15 Working, 20 Resolved, 25 Closed, 30 Pending.
    public var statusType: Int
    /// `event`, `dashboard`, `viewer`, `checker` or `""`.
    public var resourceType: String
    /// Source name.
    public var resource: String
    /// Source UUID.
    public var resourceUUID: String
    /// The `extend` object, stored exactly as last written (modify replaces it whole).
    public var extend: JSONValue
    /// Who created the issue.
    public let creator: SimulatedActor
    /// Who last updated it.
    public var updator: SimulatedActor
    /// Creation time, epoch seconds.
    public let createAt: Double
    /// Last update, epoch seconds; `nil` if never updated.
    public var updateAt: Double?
    /// Deletion time; `nil` means `deleteAt: -1`.
    public var deleteAt: Double?
    /// Channels set through `channelUUIDs` (the default channel is implicit).
    public var channelUUIDs: [String]
    /// Channels the issue reached through `#channel` mentions in replies.
    public var replyChannelUUIDs: [String]

    /// `updateAt`, or `createAt` for a never-updated issue.
    public var effectiveUpdateAt: Double { updateAt ?? createAt }

    /// The assignees: `extend.manager` (accounts, teams and emails).
    public var managers: [String] {
        extend["manager"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Every non-default channel the issue is in: `channelUUIDs`, `extend.channels` and reply mentions.
    public var allChannelUUIDs: [String] {
        let mentioned = extend["channels"]?.arrayValue?.compactMap { $0["uuid"]?.stringValue } ?? []
        var seen = Set<String>()
        return (channelUUIDs + mentioned + replyChannelUUIDs).filter { seen.insert($0).inserted }
    }
}
