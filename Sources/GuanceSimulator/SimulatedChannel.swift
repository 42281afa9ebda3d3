/// A channel (频道). The `default` channel holds every issue.
public struct SimulatedChannel: Sendable, Hashable {
    /// `chan_…`.
    public let uuid: String
    /// Internal numeric id.
    public let id: Int
    /// Name; the default channel is named `default`.
    public let name: String
    /// Creation time, epoch seconds.
    public let createAt: Double
    /// Deletion time; `nil` means `deleteAt: -1`.
    public let deleteAt: Double?
}
