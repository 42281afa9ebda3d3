import Foundation
import GuancePoller
import StageRuntime
import SyncCore

/// guance-poller's settings, read once from the stage context (configuration file and environment).
struct PollerSettings: Sendable {
    /// The checkpoint `poller` name (also the stage name).
    var poller: String
    /// Channels to read, as configured (names or UUIDs; `default` = every issue).
    var channels: [String]
    /// Seconds between windowed lists when nothing is pending.
    var pollInterval: TimeInterval
    /// Seconds re-read before the cursor on every windowed list.
    var overlap: TimeInterval
    /// The configured start time (`guance.syncFrom`), used at the first start only.
    var configuredSyncFrom: Date?
    /// Which replies are mirrored.
    var filter: ReplyFilter
    /// Builds the event payloads.
    var mapper: GuanceEventMapper
    /// The request budget per minute (the client's limiter enforces it; the planner spends it).
    var requestsPerMinute: Int
    /// The planner's tunables.
    var planner: PollPlanner.Configuration

    /// How far past the poller's own clock each windowed list reaches, so a Guance clock running
    /// ahead of ours (or an issue stamped slightly in the future) is still inside the window.
    static let windowEndMargin: TimeInterval = 24 * 60 * 60

    /// The environment variable naming the sync's own Guance API key id(s) (`wsak_…`, comma
    /// separated): replies they write are never mirrored. Optional: replies carrying the sync's
    /// marker are skipped anyway, and the poller learns key ids from such replies.
    static let ownKeyIDsVariable = "GUANCE_API_KEY_ID"

    init(context: StageContext, requestsPerMinute: Int) {
        let guance = context.configuration.guance
        poller = context.stage
        channels = guance.channels
        pollInterval = TimeInterval(max(1, guance.pollIntervalSeconds))
        overlap = TimeInterval(max(0, guance.overlapSeconds))
        configuredSyncFrom = guance.syncFromDate
        let ownKeys = (context.environment[Self.ownKeyIDsVariable] ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        filter = ReplyFilter(
            ownKeyIDs: Set(ownKeys), mirrorChangeReplies: guance.mirrorChangeReplies,
            integrationReplies: context.configuration.policies.integrationReplies)
        mapper = GuanceEventMapper(consoleURL: guance.consoleURL)
        self.requestsPerMinute = requestsPerMinute
        var planner = PollPlanner.Configuration()
        planner.sweepInterval = TimeInterval(max(1, guance.sweepIntervalSeconds))
        planner.preStartInterval = TimeInterval(max(0, guance.preStartReplyCheckSeconds))
        planner.maximumInterval = TimeInterval(max(60, guance.replyCheckMaxSeconds))
        planner.closedInterval = TimeInterval(max(1, guance.closedReplyCheckSeconds))
        planner.cycleInterval = max(pollInterval, Self.minimumListInterval(requestsPerMinute: requestsPerMinute, pages: 1))
        self.planner = planner
    }

    /// Where a first start syncs from: `guance.syncFrom`, else `now` minus the overlap.
    func firstStartSyncFrom(now: Date) -> Date {
        configuredSyncFrom ?? now.addingTimeInterval(-overlap)
    }

    /// The shortest interval between windowed lists of `pages` pages that keeps list calls under
    /// half of the budget, so reply checks are never starved by a short poll interval.
    static func minimumListInterval(requestsPerMinute: Int, pages: Int) -> TimeInterval {
        Double(max(1, pages)) * 60 / (Double(max(1, requestsPerMinute)) / 2)
    }
}
