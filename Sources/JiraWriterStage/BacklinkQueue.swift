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
/// Back-links are posted in the order asked, one at a time on a small budget (the default share,
/// 3 requests/min: lowest priority, at most one waits for the budget, and a post never waits for
/// budget while it holds its issue) and up to four at once on a large one (at least 20 requests/min
/// per concurrent post, so hundreds of new issues do not queue behind each other's round trips);
/// each (Guance issue, Jira URL) once per process: a later ask for one posted
/// ends at once (until the Jira issue's property records it, which answers from then on); a recreated Jira issue has a new URL and gets its own. A post that fails is retried
/// with back-off — without holding the turn, so the others go on — until it lands, the partition is
/// lost, the process stops, or the writer's retry limit (`SYNC_WRITER_RETRY_FOR_SECONDS`) passes:
/// then the snapshot's record is dead-lettered, as a handler's would be.
actor BacklinkQueue {
    /// Guance requests one back-link needs in the normal case (linkList: read + modify; reply:
    /// one reply page + create).
    static let callsPerBacklink = 2
    /// The most back-links posted at the same time, with a large budget.
    static let maximumConcurrentPosts = 4

    /// Back-links posted at the same time with a budget of `requestsPerWindow`: one per 20, 1…4.
    static func concurrentPosts(requestsPerWindow: Int) -> Int {
        min(maximumConcurrentPosts, max(1, requestsPerWindow / 20))
    }

    private let guance: GuanceClient
    private let logger: Logger
    private let retryFor: Duration
    private let concurrentPosts: Int
    private let backoff = Backoff(initial: .seconds(1), maximum: .seconds(300))
    private var posted: Set<String> = []
    private var posting = 0
    private var turns: [CheckedContinuation<Void, Never>] = []

    /// Creates a queue posting with `guance`, giving up on a back-link after `retryFor` of failures.
    init(guance: GuanceClient, retryFor: Duration, logger: Logger) {
        self.guance = guance
        self.retryFor = retryFor
        self.logger = logger
        concurrentPosts = Self.concurrentPosts(requestsPerWindow: guance.rateLimitStatus().policy.requestsPerWindow)
    }

    /// Whether this process posted (or found) the back-link `url` on Guance issue `issue`.
    func isPosted(_ issue: String, url: String) -> Bool {
        posted.contains(Self.key(issue, url))
    }

    /// Back-links remembered as posted and not yet recorded in their Jira issue's property.
    var rememberedCount: Int { posted.count }

    /// Forgets a posted back-link once the Jira issue's sync property records it (`backlinked`): the
    /// property answers for it from then on, also after a restart, so this process keeps an entry
    /// only while a back-link is posted and not yet recorded — bounded by what is in flight, not by
    /// every issue the process ever linked.
    func recorded(_ issue: String, url: String) {
        posted.remove(Self.key(issue, url))
    }

    /// Posts the back-link `url` on `issue` with `post` when its turn comes, unless it is posted
    /// already. `post` looks before it writes and returns whether it wrote, or `nil` when the
    /// partition is no longer this member's.
    func post(
        issue: String, url: String, lease: FollowUpLease, _ post: @escaping @Sendable () async throws -> Bool?
    ) async -> FollowUp.Ending {
        let key = Self.key(issue, url)
        let clock = guance.configuration.clock
        let started = clock.now()
        var attempt = 1
        while true {
            await takeTurn()
            if posted.contains(key) {
                passTurn()
                return .done
            }
            guard !Task.isCancelled, lease.isOwned else {
                passTurn()
                return .abandoned
            }
            let result: Result<Bool?, any Error>
            do {
                try await waitForBudget()
                result = .success(try await post())
            } catch {
                result = .failure(error)
            }
            passTurn()
            switch result {
            case .success(nil):
                return .abandoned
            case .success(let wrote?):
                posted.insert(key)
                logger.debug("back-link handled", metadata: ["guance.issue": "\(issue)", "posted": "\(wrote)"])
                if wrote {
                    Counter(label: StageMetricName.effects, dimensions: [
                        ("stage", JiraWriterStage.name), ("effect", "guance_backlink_posted"),
                    ]).increment()
                }
                return .done
            case .failure(let error as GuanceAPIError) where error.isRetriable || error.isOutcomeUnknown || error.kind == .invalidAPIKey:
                // An unknown outcome is looked for by the next attempt (the post looks before it writes).
                let delay = backoff.step(afterFailures: attempt)
                let failingFor = clock.now() - started
                if failingFor + delay > retryFor {
                    return .failed(WriterLoop.exhausted("back-link: \(error)", attempts: attempt, after: failingFor))
                }
                logger.warning("back-link not posted; retrying", metadata: [
                    "guance.issue": "\(issue)", "attempt": "\(attempt)", "delay": "\(delay)", "error": "\(error)",
                ])
                guard (try? await clock.sleep(for: delay)) != nil else { return .abandoned }
                attempt += 1
            case .failure(let error as GuanceAPIError):
                return .failed(DeadLetter.Reason(code: DeadLetterCode.guanceRejected, message: "back-link: \(error)"))
            case .failure:
                // Cancelled (the stop) or the issue lock's ledger: the record is delivered again.
                return .abandoned
            }
        }
    }

    private static func key(_ issue: String, _ url: String) -> String {
        issue + " " + url
    }

    /// Waits until the key's budget has room for a whole back-link (or for as much as its window
    /// allows), so the post, once started, does not sit on the budget while it holds the issue.
    /// Checks at most once a second: the limiter tells when the next request may start, not when
    /// two may.
    /// While it waits, the back-links queued behind it count as backlog: what jira-writer would
    /// borrow from the other stages sharing the key (they lend to it last).
    private func waitForBudget() async throws {
        let clock = guance.configuration.clock
        defer { guance.rateLimiter.reportBacklog(turns.count * Self.callsPerBacklink) }
        while true {
            let status = guance.rateLimitStatus()
            let needed = min(Self.callsPerBacklink, max(status.policy.requestsPerWindow, 1))
            if status.remaining >= needed { return }
            guance.rateLimiter.reportBacklog((turns.count + 1) * Self.callsPerBacklink)
            try await clock.sleep(until: max(status.pausedUntil ?? status.nextAvailable, clock.now() + .seconds(1)))
        }
    }

    private func takeTurn() async {
        guard posting >= concurrentPosts else {
            posting += 1
            return
        }
        await withCheckedContinuation { turns.append($0) }
    }

    /// Hands the turn to the next waiting post (which then counts as posting), or frees it. The
    /// back-links still waiting are what jira-writer would borrow (none: it wants nothing).
    private func passTurn() {
        guance.rateLimiter.reportBacklog(turns.count * Self.callsPerBacklink)
        guard !turns.isEmpty else {
            posting -= 1
            return
        }
        turns.removeFirst().resume()
    }
}
