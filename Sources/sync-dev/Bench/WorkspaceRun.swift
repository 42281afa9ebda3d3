import Foundation
import JiraWriter
import SimulatorControl
import SyncCore
import Synchronization

/// Plays ``WorkspaceCommand``'s workload: history, then changes people make, watched on both
/// simulators every two seconds (so every delay is at most two seconds late), then a restart of
/// both pollers.
struct WorkspaceRun: Sendable {
    /// What to write and how long to wait.
    struct Plan: Sendable {
        var history: Int
        var openEvery: Int
        var months: Int
        var windowField: String
        var changes: Int
        var newIssues: Int
        var trackedOpen: Int
        var trackedReplies: Int
        var spread: Duration
        var timeout: Duration
        var restart: Bool
    }

    let simulators: SimulatorControl
    let stack: DemoStack
    let plan: Plan
    let printer: DemoPrinter

    /// When each change was made and when its effect was first seen.
    struct Observations: Sendable {
        /// Re-opened history issues: when re-opened, when their Jira twin appeared.
        var reopened: [String: ContinuousClock.Instant] = [:]
        var reopenedSeen: [String: ContinuousClock.Instant] = [:]
        /// New issues: when created, when their twin appeared.
        var created: [String: ContinuousClock.Instant] = [:]
        var createdSeen: [String: ContinuousClock.Instant] = [:]
        /// Guance replies by token: when written, when seen as a Jira comment.
        var replies: [String: ContinuousClock.Instant] = [:]
        var repliesSeen: [String: ContinuousClock.Instant] = [:]
        /// Guance replies on the tracked open issues by token: when written, when seen as a Jira comment.
        var trackedReplies: [String: ContinuousClock.Instant] = [:]
        var trackedRepliesSeen: [String: ContinuousClock.Instant] = [:]
        /// Jira comments by token (issue UUID → token): when written, when seen as a Guance reply.
        var comments: [String: (issue: String, at: ContinuousClock.Instant)] = [:]
        var commentsSeen: [String: ContinuousClock.Instant] = [:]
        var twinKeys: [String: String] = [:]

        var pending: Int {
            (reopened.count - reopenedSeen.count) + (created.count - createdSeen.count)
                + (replies.count - repliesSeen.count) + (comments.count - commentsSeen.count)
                + (trackedReplies.count - trackedRepliesSeen.count)
        }
    }

    func play() async throws -> WorkspaceReport {
        try await simulators.guanceBehaviour(["timeWindowField": plan.windowField])
        // Idle: the stages have started, found an empty workspace and polled it for a while.
        try await Task.sleep(for: .seconds(30))
        let idleMemory = StormReport.memory(of: stack.stagePIDs, field: "VmRSS:")

        let now = Date()
        let from = now.addingTimeInterval(-Double(plan.months) * 30 * 86_400)
        let history = try await simulators.guanceHistory(
            count: plan.history, from: from, to: now.addingTimeInterval(-86_400), openEvery: plan.openEvery)
        let resolved = history.filter { $0.statusType == 20 }.map(\.uuid)
        printer.info("history written: \(history.count) issues over \(plan.months) months, \(history.count - resolved.count) open")
        // Re-open resolved issues spread over the history, the oldest first (created months ago).
        let stride = max(1, resolved.count / max(plan.changes, 1))
        let targets = Swift.stride(from: 0, to: resolved.count, by: stride).prefix(plan.changes).map { resolved[$0] }

        // Open issues created just now: in scope, so synced and their replies checked (a first check each, at once).
        var tracked: [String] = []
        if plan.trackedOpen > 0 {
            let created = Date()
            tracked = try await simulators.guanceHistory(
                count: plan.trackedOpen, from: created.addingTimeInterval(-10), to: created.addingTimeInterval(-5), openEvery: 1
            ).map(\.uuid)
            printer.info("\(tracked.count) open issues created in scope")
        }
        let log = WorkspaceLog()
        let start = ContinuousClock.now
        let watcher = Task { await watch(log) }
        defer { watcher.cancel() }
        var steps: [(offset: Duration, action: Action)] = []
        for (index, uuid) in targets.enumerated() {
            steps.append((plan.spread * Double(index) / Double(max(targets.count, 1)), .reopen(uuid)))
        }
        for index in 0..<plan.newIssues {
            let offset = plan.spread * Double(index) / Double(max(plan.newIssues, 1))
            steps.append((offset, .create(index)))
            steps.append((offset + .seconds(20), .reply(index)))
        }
        for index in 0..<plan.trackedReplies {
            steps.append((plan.spread * Double(index) / Double(max(plan.trackedReplies, 1)), .trackedReply(index)))
        }
        var createdUUIDs: [Int: String] = [:]
        for step in steps.sorted(by: { $0.offset < $1.offset }) {
            try await Task.sleep(until: start + step.offset, clock: .continuous)
            switch step.action {
            case .reopen(let uuid):
                try await simulators.guanceStatus(issue: uuid, statusType: 10, by: "monitor")
                let at = ContinuousClock.now
                log.withLock { $0.reopened[uuid] = at }
            case .create(let index):
                let uuid = try await simulators.monitorReports(
                    title: "Workspace \(index): 接口错误率 > 5% on api-\(index)", message: "<p>errors at <b>\(index)%</b></p>",
                    resource: "api-\(index)-\(UUID().uuidString.prefix(8))")
                createdUUIDs[index] = uuid
                let at = ContinuousClock.now
                log.withLock { $0.created[uuid] = at }
            case .trackedReply(let index):
                // Spread over the tracked issues: the n-th of them in creation order.
                let uuid = tracked[index * tracked.count / max(plan.trackedReplies, 1)]
                _ = try await simulators.guanceMemberReplies(issue: uuid, content: "On it \(Self.token("t", index))")
                let at = ContinuousClock.now
                log.withLock { $0.trackedReplies[Self.token("t", index)] = at }
            case .reply(let index):
                guard let uuid = createdUUIDs[index] else { continue }
                _ = try await simulators.guanceMemberReplies(issue: uuid, content: "Looking into it \(Self.token("r", index))")
                let at = ContinuousClock.now
                log.withLock { $0.replies[Self.token("r", index)] = at }
            }
        }
        printer.info("changes written; waiting for both sides (up to \(plan.timeout))")
        let deadline = ContinuousClock.now + plan.timeout
        var lastReport = ContinuousClock.now
        while log.withLock({ $0.pending > 0 || $0.comments.count < $0.created.count }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .seconds(2))
            if ContinuousClock.now - lastReport >= .seconds(60) {
                lastReport = ContinuousClock.now
                printer.info("waiting: \(log.withLock { $0.pending }) change(s) not landed yet")
            }
        }
        watcher.cancel()
        let observations = log.withLock { $0 }
        let peakMemory = StormReport.peakMemory(of: stack.stagePIDs)
        let (guanceRequests, guanceThrottled) = try await simulators.guanceRequests()
        let (jiraRequests, jiraThrottled) = try await simulators.jiraRequests()
        var restarts: [String: Double?] = [:]
        if plan.restart {
            for stage in ["guance-poller", "jira-poller"] {
                printer.info("restarting \(stage)")
                let started = try await stack.restart(stage, suffix: "restarted")
                restarts.updateValue(try await caughtUp(stage, since: started), forKey: stage)
            }
        }
        // Throttled answers of the restart itself: a restarted process's limiter does not know what the
        // previous one sent in the last window.
        let throttledAfterRestart = plan.restart ? try await simulators.guanceRequests().throttled - guanceThrottled : 0
        var records: [String: TopicRecordSizes.Largest] = [:]
        if let bootstrap = stack.kafkaBootstrap { records = try await TopicRecordSizes.measure(bootstrap: bootstrap) }
        return WorkspaceReport(
            observations: observations, idleMemory: idleMemory, peakMemory: peakMemory, guanceRequests: guanceRequests,
            guanceThrottled: guanceThrottled, jiraRequests: jiraRequests, jiraThrottled: jiraThrottled,
            restarts: restarts, throttledAfterRestart: throttledAfterRestart, records: records, history: history.count)
    }

    private enum Action {
        case reopen(String)
        case create(Int)
        case reply(Int)
        case trackedReply(Int)
    }

    static func token(_ kind: String, _ index: Int) -> String { "[ws-\(kind)-\(index)]" }

    /// Seconds from `started` until the restarted `stage` logs its first finished poll cycle.
    private func caughtUp(_ stage: String, since started: ContinuousClock.Instant) async throws -> Double? {
        let deadline = started + .seconds(600)
        while ContinuousClock.now < deadline {
            if let file = stack.logFile(of: stage), let text = try? String(contentsOf: file, encoding: .utf8),
               text.contains("caught up: first poll cycle done") {
                return StormReport.seconds(ContinuousClock.now - started)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Records first sightings every two seconds until cancelled; writes a Jira comment on each
    /// new issue's twin once it appears.
    private func watch(_ log: WorkspaceLog) async {
        while !Task.isCancelled {
            try? await observe(log)
            try? await Task.sleep(for: .seconds(2))
        }
    }

    private func observe(_ log: WorkspaceLog) async throws {
        let jira = try await simulators.jiraState()
        let now = ContinuousClock.now
        var keysByLabel: [String: String] = [:]
        for issue in jira["issues"] as? [[String: Any]] ?? [] {
            for label in issue["labels"] as? [String] ?? [] { keysByLabel[label] = issue["key"] as? String }
        }
        let comments = (jira["comments"] as? [[String: Any]] ?? []).map { SimulatedStageEnvironment.plainText($0["body"]) }
        let toComment: [(uuid: String, key: String, index: Int)] = log.withLock { observations in
            for uuid in observations.reopened.keys where observations.reopenedSeen[uuid] == nil {
                if keysByLabel[JiraLabel.guanceIssue(uuid)] != nil { observations.reopenedSeen[uuid] = now }
            }
            var newTwins: [(String, String, Int)] = []
            for (uuid, _) in observations.created where observations.createdSeen[uuid] == nil {
                if let key = keysByLabel[JiraLabel.guanceIssue(uuid)] {
                    observations.createdSeen[uuid] = now
                    observations.twinKeys[uuid] = key
                    newTwins.append((uuid, key, observations.createdSeen.count - 1))
                }
            }
            for token in observations.replies.keys where observations.repliesSeen[token] == nil {
                if comments.contains(where: { $0.contains(token) }) { observations.repliesSeen[token] = now }
            }
            for token in observations.trackedReplies.keys where observations.trackedRepliesSeen[token] == nil {
                if comments.contains(where: { $0.contains(token) }) { observations.trackedRepliesSeen[token] = now }
            }
            return newTwins
        }
        for twin in toComment {
            let token = Self.token("c", twin.index)
            try await simulators.jiraUserComments(on: twin.key, text: "Jira side: on it \(token)")
            let at = ContinuousClock.now
            log.withLock { $0.comments[token] = (twin.uuid, at) }
        }
        let waiting = log.withLock { observations in
            observations.comments.filter { observations.commentsSeen[$0.key] == nil }.map { ($0.key, $0.value.issue) }
        }
        for (token, issue) in waiting {
            let replies = try await simulators.guanceReplies(of: issue)
            if replies.contains(where: { ($0["content"] as? String ?? "").contains(token) }) {
                let at = ContinuousClock.now
                log.withLock { $0.commentsSeen[token] = at }
            }
        }
    }
}

/// The observations shared by the workload and its watcher.
final class WorkspaceLog: Sendable {
    private let state = Mutex(WorkspaceRun.Observations())

    func withLock<Value>(_ body: (inout WorkspaceRun.Observations) -> Value) -> Value {
        state.withLock { body(&$0) }
    }
}
