import Foundation

/// The measurements of a workspace run (``WorkspaceRun``).
struct WorkspaceReport: Sendable {
    let reopened: StormReport.Delays
    let created: StormReport.Delays
    let replies: StormReport.Delays
    let comments: StormReport.Delays
    let trackedReplies: StormReport.Delays
    let idleMemory: [String: Int]
    let peakMemory: [String: Int]
    let guanceRequests: Int
    let guanceThrottled: Int
    let jiraRequests: Int
    let jiraThrottled: Int
    /// Seconds from a poller's restart to its first finished cycle (`nil`: not within 10 min).
    let restarts: [String: Double?]
    /// Guance answers throttled after the restart (not counted in ``guanceThrottled``).
    let throttledAfterRestart: Int
    let records: [String: TopicRecordSizes.Largest]
    let history: Int

    init(
        observations: WorkspaceRun.Observations, idleMemory: [String: Int], peakMemory: [String: Int], guanceRequests: Int,
        guanceThrottled: Int, jiraRequests: Int, jiraThrottled: Int, restarts: [String: Double?], throttledAfterRestart: Int,
        records: [String: TopicRecordSizes.Largest], history: Int
    ) {
        func delays<Key>(_ name: String, _ made: [Key: ContinuousClock.Instant], _ seen: [Key: ContinuousClock.Instant]) -> StormReport.Delays {
            StormReport.Delays(name: name, expected: made.count, seconds: made.compactMap { key, at in
                seen[key].map { max(0, StormReport.seconds($0 - at)) }
            })
        }
        reopened = delays("re-opened → Jira", observations.reopened, observations.reopenedSeen)
        created = delays("new issue → Jira", observations.created, observations.createdSeen)
        replies = delays("reply → comment", observations.replies, observations.repliesSeen)
        comments = delays("comment → reply", observations.comments.mapValues(\.at), observations.commentsSeen)
        trackedReplies = delays("busy reply → Jira", observations.trackedReplies, observations.trackedRepliesSeen)
        self.idleMemory = idleMemory
        self.peakMemory = peakMemory
        self.guanceRequests = guanceRequests
        self.guanceThrottled = guanceThrottled
        self.jiraRequests = jiraRequests
        self.jiraThrottled = jiraThrottled
        self.restarts = restarts
        self.throttledAfterRestart = throttledAfterRestart
        self.records = records
        self.history = history
    }

    /// Every change landed and nothing was throttled.
    var passes: Bool {
        [reopened, created, replies, comments, trackedReplies].allSatisfy { $0.seconds.count == $0.expected }
            && guanceThrottled == 0 && jiraThrottled == 0
    }

    /// The documented bound of a change to an old issue when the window filters on `createAt`
    /// (docs/stages/guance-poller.md): the sweep interval plus two sweeps (the change may land
    /// just behind the sweep's page) at half the poller's share, plus a poll interval.
    static func sweepBound(issues: Int, pollerShare: Int) -> Double {
        let pages = Double((issues + 99) / 100)
        let sweepSeconds = pages / max(Double(pollerShare) / 2, 1) * 60
        return 600 + 2 * sweepSeconds + 30
    }

    func print(plan: WorkspaceRun.Plan, budget: DemoStack.Budget, scale: Int) {
        let share = budget.stageBudgets?["guance-poller"] ?? 14
        let bound = plan.windowField == "createAt" ? Self.sweepBound(issues: history, pollerShare: share) : nil
        func row(_ delays: StormReport.Delays, bound: Double? = nil) -> String {
            delays.row(bound: bound.map { String(format: "%.0f s", $0) } ?? "")
        }
        let changes = max(reopened.expected + created.expected + replies.expected + comments.expected + trackedReplies.expected, 1)
        let memory = peakMemory.keys.sorted().map { stage in
            "\(stage) \((idleMemory[stage] ?? 0) / 1024) → \((peakMemory[stage] ?? 0) / 1024) MB"
        }.joined(separator: ", ")
        let topics = records.keys.sorted().map { topic in
            let largest = records[topic]!
            return "  \(topic.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", Double(largest.bytes) / 1024)) kB  (\(largest.records) records; \(largest.key.prefix(60)))"
        }.joined(separator: "\n")
        let restartText = restarts.keys.sorted().map { stage in
            "\(stage) " + (restarts[stage]!.map { String(format: "%.1f s", $0) } ?? "not within 600 s")
        }.joined(separator: ", ")
        Swift.print("""

            workspace: \(history) history issues over \(plan.months) months (every \(plan.openEvery)th open), \(plan.trackedOpen) open issues in scope, window on \(plan.windowField); \
            Guance key \(budget.guanceRequestsPerMinute)/min (scale \(scale): shares \(budget.stageBudgets.map { "\($0.sorted { $0.key < $1.key })" } ?? "default")), pool keys: \(budget.poolKeys)
            kind              landed   p50      p95      max      bound
            \(row(reopened, bound: bound))
            \(row(created))
            \(row(replies))
            \(row(comments))
            \(row(trackedReplies))
            Guance requests: \(guanceRequests) (\(String(format: "%.1f", Double(guanceRequests) / Double(changes))) per synced change, history sweeps included), throttled: \(guanceThrottled)
            Jira requests:   \(jiraRequests) (\(String(format: "%.1f", Double(jiraRequests) / Double(changes))) per synced change), throttled (429): \(jiraThrottled)
            RSS idle → peak: \(memory)
            restart → first cycle done: \(restartText.isEmpty ? "not measured" : restartText); Guance throttled after the restart: \(throttledAfterRestart)
            largest record per topic:
            \(topics)
            result:          \(passes ? "PASS" : "FAIL") (every change landed, nothing throttled)
            """)
    }
}
