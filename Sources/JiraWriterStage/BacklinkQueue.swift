import APICore
import Foundation
import GuanceAPI
import Logging
import Metrics
import StageRuntime
import SyncCore

/// jira-writer's back-links, posted off the issues' lanes as ``FollowUp``s: the Guance budget is
/// jira-writer's smallest, and a back-link waiting for it must never hold up a Jira write — the
/// issue's comments and every other issue go on meanwhile.
///
/// Back-links are posted one at a time, in the order asked (lowest priority: at most one waits for
/// the Guance budget), each issue once per process (later asks for a posted issue end at once); a
/// failed post is retried with back-off until it lands, the partition is lost or the process stops.
actor BacklinkQueue {
    /// Guance requests one back-link needs at most (linkList: read + modify).
    static let callsPerBacklink = 2

    private let guance: GuanceClient
    private let logger: Logger
    private let backoff = Backoff(initial: .seconds(1), maximum: .seconds(300))
    private var posted: Set<String> = []
    private var busy = false
    private var turns: [CheckedContinuation<Void, Never>] = []

    /// Creates a queue posting with `guance`.
    init(guance: GuanceClient, logger: Logger) {
        self.guance = guance
        self.logger = logger
    }

    /// Whether this process posted (or found) `issue`'s back-link already.
    func isPosted(_ issue: String) -> Bool {
        posted.contains(issue)
    }

    /// Posts `issue`'s back-link with `post` when its turn comes, unless it is posted already.
    /// `post` looks before it writes and returns whether it wrote.
    func post(
        issue: String, lease: FollowUpLease, _ post: @escaping @Sendable () async throws -> Bool
    ) async -> FollowUp.Ending {
        await takeTurn()
        defer { passTurn() }
        var attempt = 1
        while true {
            if posted.contains(issue) { return .done }
            guard !Task.isCancelled, lease.isOwned else { return .abandoned }
            do {
                try await waitForBudget()
                guard let wrote = try await lease.writing(post) else { return .abandoned }
                posted.insert(issue)
                logger.debug("back-link handled", metadata: ["guance.issue": "\(issue)", "posted": "\(wrote)"])
                if wrote {
                    Counter(label: StageMetricName.effects, dimensions: [
                        ("stage", JiraWriterStage.name), ("effect", "guance_backlink_posted"),
                    ]).increment()
                }
                return .done
            } catch let error as GuanceAPIError where error.isRetriable || error.isOutcomeUnknown || error.kind == .invalidAPIKey {
                // An unknown outcome is looked for by the next attempt (the post looks before it writes).
                let delay = backoff.step(afterFailures: attempt)
                logger.warning("back-link not posted; retrying", metadata: [
                    "guance.issue": "\(issue)", "attempt": "\(attempt)", "delay": "\(delay)", "error": "\(error)",
                ])
                guard (try? await guance.configuration.clock.sleep(for: delay)) != nil else { return .abandoned }
                attempt += 1
            } catch let error as GuanceAPIError {
                return .failed(DeadLetter.Reason(code: DeadLetterCode.guanceRejected, message: "back-link: \(error)"))
            } catch {
                // Cancelled (the stop) or the ledger: the record is delivered again.
                return .abandoned
            }
        }
    }

    /// Waits until the key's budget has room for a whole back-link (or for as much as its window
    /// allows), so the post, once started, does not sit on the budget while holding the issue.
    private func waitForBudget() async throws {
        while true {
            let status = guance.rateLimitStatus()
            let needed = min(Self.callsPerBacklink, max(status.policy.requestsPerWindow, 1))
            if status.remaining >= needed { return }
            let clock = guance.configuration.clock
            let until = max(status.pausedUntil ?? status.nextAvailable, clock.now() + .milliseconds(50))
            try await clock.sleep(until: until)
        }
    }

    private func takeTurn() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { turns.append($0) }
    }

    private func passTurn() {
        guard !turns.isEmpty else {
            busy = false
            return
        }
        turns.removeFirst().resume()
    }
}
