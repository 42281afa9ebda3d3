import GuanceAPI

/// The configured channels resolved against the workspace's channel list (`channel/quick_list`).
///
/// `default` means every issue: it resolves to the workspace's `default` channel when the list has
/// one, else to no `channelUUID` at all (issue/list then returns every issue). Other entries match
/// a live channel by UUID or by name.
struct ChannelSelection: Sendable, Hashable {
    /// One channel to list.
    struct Channel: Sendable, Hashable {
        /// As configured.
        var configured: String
        /// The `channelUUID` sent to issue/list (`nil` = every issue).
        var uuid: String?
    }

    /// The channels to list, in configuration order, without repeats.
    var channels: [Channel]
    /// One message per configured channel that does not exist (or is deleted).
    var problems: [String]

    /// Resolves `configured` against `available` (live channels).
    init(configured: [String], available: [GuanceChannel]) {
        var channels: [Channel] = []
        var problems: [String] = []
        for entry in configured {
            let resolved: Channel?
            if entry == "default" {
                resolved = Channel(configured: entry, uuid: available.first(where: \.isDefault)?.uuid)
            } else if let match = available.first(where: { $0.uuid == entry }) ?? available.first(where: { $0.name == entry }) {
                resolved = Channel(configured: entry, uuid: match.uuid)
            } else {
                resolved = nil
                problems.append("guance.channels: channel \(entry) does not exist in the Guance workspace (or is deleted)")
            }
            if let resolved, !channels.contains(where: { $0.uuid == resolved.uuid }) {
                channels.append(resolved)
            }
        }
        self.channels = channels
        self.problems = problems
    }
}
