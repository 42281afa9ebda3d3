import Foundation
import GuanceAPI
import GuancePoller
import SyncCore

/// Drives the pure poller core the way guance-poller does: plan, list, read replies, de-duplicate,
/// advance, checkpoint. Every event "produced" is recorded.
struct PollerHarness {
    let filter = ReplyFilter(ownKeyIDs: ["wsak_sync"])
    let mapper = GuanceEventMapper(consoleURL: "https://console.guance.com", defaultWorkspaceUUID: "wksp_1")
    let planner = PollPlanner()
    var deduplicator: OverlapDeduplicator
    var state: GuancePollerState
    var produced: [SyncEvent] = []

    init(start: Date) {
        deduplicator = OverlapDeduplicator(start: start, overlap: 120)
        state = GuancePollerState()
    }

    /// Resumes from a checkpoint that went through its JSON form, as it would through Kafka.
    init(checkpoint: PollerCheckpoint) throws {
        let bytes = try JSONEncoder().encode(checkpoint)
        let decoded = try JSONDecoder().decode(PollerCheckpoint.self, from: bytes)
        deduplicator = OverlapDeduplicator(checkpoint: decoded, overlap: 120)
        state = try OverlapDeduplicator.state(from: decoded)
    }

    /// One cycle at `now` with the full documented budget.
    @discardableResult
    mutating func cycle(_ workspace: FakeGuanceWorkspace, now: Date) throws -> [SyncEvent] {
        let plan = planner.plan(state: state, budget: PollBudget(availableNow: 20, perMinute: 20), now: now)
        var events = state.observe(
            issues: try workspace.list(from: deduplicator.windowStart, to: now), mapper: mapper, observedAt: now)
        state.recordWindowList(pages: 1)
        if plan.sweepListPages > 0 {
            events += state.observe(issues: try workspace.listAll(), mapper: mapper, observedAt: now)
            state.recordSweep(at: now, pages: 1)
        }
        for uuid in plan.replyChecks {
            events += state.observeReplies(
                try workspace.replyList(of: uuid), of: uuid, pages: 1, listIsComplete: true, filter: filter,
                mapper: mapper, observedAt: now)
        }
        let admitted = deduplicator.admit(events)
        deduplicator.advance(to: now)
        produced += admitted
        return admitted
    }

    func checkpoint(at now: Date) throws -> PollerCheckpoint {
        try deduplicator.checkpoint(poller: "guance-poller", scope: "default", state: state, writtenAt: now)
    }
}
