import Foundation
import JiraWriter
import SimulatorControl
import SyncCore
import Synchronization

/// Plays a ``StormPlan`` against the simulators as a monitor and its people, and watches both
/// simulators every second for the effects: Jira issues, Jira comments, Guance back-links.
struct StormRun: Sendable {
    let simulators: SimulatorControl
    let plan: StormPlan
    let printer: DemoPrinter

    /// When each change was made and when its effect was first seen (seen times are at most a
    /// second late: the watch interval).
    struct Observations: Sendable {
        var issues: [String] = []
        var issueCreated: [String: ContinuousClock.Instant] = [:]
        var replyWritten: [Int: ContinuousClock.Instant] = [:]
        var jiraIssueSeen: [String: ContinuousClock.Instant] = [:]
        var commentSeen: [Int: ContinuousClock.Instant] = [:]
        var backlinkSeen: [String: ContinuousClock.Instant] = [:]

        var converged: Bool {
            issues.count == issueCreated.count && jiraIssueSeen.count == issueCreated.count
                && commentSeen.count == replyWritten.count
        }
    }

    /// Plays the storm, waits for the issues and replies to converge (or their bound to pass), then
    /// for the back-links up to `backlinkTimeout`.
    func play(backlinkTimeout: Duration) async throws -> Observations {
        let state = ObservationLog()
        let start = ContinuousClock.now
        let watcher = Task { await watch(state) }
        defer { watcher.cancel() }
        printer.info("storm: \(plan.issues) issues and \(plan.replies) replies over \(plan.spread)")
        var steps: [(offset: Duration, index: Int, isReply: Bool)] = (0..<plan.issues).map { (plan.issueOffset($0), $0, false) }
        steps += (0..<plan.replies).map { (plan.replyOffset($0), $0, true) }
        for step in steps.sorted(by: { $0.offset < $1.offset }) {
            try await Task.sleep(until: start + step.offset, clock: .continuous)
            if step.isReply {
                let issue = state.withLock { $0.issues[step.index] }
                _ = try await simulators.guanceMemberReplies(issue: issue, content: StormPlan.replyText(step.index))
                let now = ContinuousClock.now
                state.withLock { $0.replyWritten[step.index] = now }
            } else {
                let uuid = try await simulators.monitorReports(
                    title: "Storm \(step.index): 磁盘使用率 > 90% on node-\(step.index)",
                    message: "<p>disk at <b>9\(step.index % 10)%</b></p>", resource: "node-\(step.index)")
                let now = ContinuousClock.now
                state.withLock {
                    $0.issues.append(uuid)
                    $0.issueCreated[uuid] = now
                }
            }
        }
        printer.info("storm written; waiting for Jira")
        let convergeBy = ContinuousClock.now + .seconds(600)
        while !state.withLock({ $0.converged }), ContinuousClock.now < convergeBy {
            try await Task.sleep(for: .seconds(1))
        }
        printer.info("waiting up to \(backlinkTimeout) for the back-links")
        let backlinksBy = ContinuousClock.now + backlinkTimeout
        while state.withLock({ $0.backlinkSeen.count < $0.issueCreated.count }), ContinuousClock.now < backlinksBy {
            try await Task.sleep(for: .seconds(1))
        }
        return state.withLock { $0 }
    }

    /// Records first sightings every second until cancelled.
    private func watch(_ state: ObservationLog) async {
        while !Task.isCancelled {
            try? await observe(state)
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private func observe(_ state: ObservationLog) async throws {
        let jira = try await simulators.jiraState()
        let guance = try await simulators.guanceState()
        let now = ContinuousClock.now
        let labels = Set((jira["issues"] as? [[String: Any]] ?? []).flatMap { $0["labels"] as? [String] ?? [] })
        let comments = (jira["comments"] as? [[String: Any]] ?? []).map { SimulatedStageEnvironment.plainText($0["body"]) }
        let linked = Set((guance["issues"] as? [[String: Any]] ?? []).compactMap { issue -> String? in
            let links = (issue["extend"] as? [String: Any])?["linkList"] as? [Any] ?? []
            return links.isEmpty ? nil : issue["uuid"] as? String
        })
        state.withLock { observations in
            for uuid in observations.issues {
                if observations.jiraIssueSeen[uuid] == nil, labels.contains(JiraLabel.guanceIssue(uuid)) {
                    observations.jiraIssueSeen[uuid] = now
                }
                if observations.backlinkSeen[uuid] == nil, linked.contains(uuid) { observations.backlinkSeen[uuid] = now }
            }
            for index in observations.replyWritten.keys where observations.commentSeen[index] == nil {
                if comments.contains(where: { $0.contains(StormPlan.replyToken(index)) }) { observations.commentSeen[index] = now }
            }
        }
    }
}

/// The observations shared by the storm's writer and its watcher.
final class ObservationLog: Sendable {
    private let state = Mutex(StormRun.Observations())

    func withLock<Value>(_ body: (inout StormRun.Observations) -> Value) -> Value {
        state.withLock { body(&$0) }
    }
}
