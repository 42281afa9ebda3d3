/// Decides which other user of a Guance key gets this process's idle budget: the pure part of
/// ``GuanceBudgetExchange``.
///
/// Rules: lend only what the limiter reports idle beyond the stage's reserve, and only while
/// nothing of its own waits; one loan per borrower at a time; the borrower is the one with the
/// lowest priority number among fresh reports that want more (guance-poller first: it finds
/// people's changes; then guance-writer, which writes them; jira-writer's back-links last), ties to
/// whoever wants most; the loan is what it wants, at most what is idle.
struct BudgetLendingPlanner: Sendable {
    /// How old a report may be to count.
    var staleAfter: Double

    /// Whom to lend to and how much, or `nil`.
    /// - Parameters:
    ///   - idle: requests this process could lend beyond its reserve.
    ///   - wanted: requests this process wants itself (nothing is lent while it wants any).
    ///   - peers: the latest report of every other participant of the key.
    ///   - lending: participants this process has a running loan to.
    ///   - now: seconds since 1970.
    func loan(
        idle: Int, wanted: Int, peers: [BudgetRecord.State], lending: Set<String>, now: Double
    ) -> (borrower: String, requests: Int)? {
        guard idle > 0, wanted == 0 else { return nil }
        let candidates = peers.filter { peer in
            peer.wanted > 0 && now - peer.at <= staleAfter && !lending.contains(peer.participant)
        }
        let chosen = candidates.min { a, b in
            if a.priority != b.priority { return a.priority < b.priority }
            if a.wanted != b.wanted { return a.wanted > b.wanted }
            return a.participant < b.participant
        }
        guard let chosen else { return nil }
        return (chosen.participant, min(idle, chosen.wanted))
    }

    /// The order in which stages are served: lower first.
    static func priority(ofStage stage: String) -> Int {
        switch stage {
        case "guance-poller": 0
        case "guance-writer": 1
        case "jira-writer": 2
        default: 3
        }
    }

    /// Requests a stage keeps for itself when it lends: guance-poller its next cycles' issue
    /// lists and a few reply checks, a writer one request (a reply, or half a read-modify-write).
    static func reserve(ofStage stage: String) -> Int {
        stage == "guance-poller" ? 4 : 1
    }
}
