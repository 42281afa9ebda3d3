import Foundation
import SimulatorControl

/// The measurements of a storm run: delays per kind of change, API calls, throttling, memory.
struct StormReport: Sendable {
    /// The bounds a run is judged by.
    struct Bounds: Sendable {
        var issue: Duration
        var reply: Duration
    }

    /// Delays of one kind of change.
    struct Delays: Sendable {
        var name: String
        var expected: Int
        var seconds: [Double]

        func percentile(_ p: Double) -> Double? {
            guard !seconds.isEmpty else { return nil }
            let sorted = seconds.sorted()
            let rank = Int((p * Double(sorted.count - 1)).rounded(.up))
            return sorted[min(max(rank, 0), sorted.count - 1)]
        }

        /// The table row: name, landed/expected, p50, p95, max, then `bound` as written.
        func row(bound: String) -> String {
            func cell(_ value: Double?) -> String {
                (value.map { String(format: "%.0f s", $0) } ?? "-").padding(toLength: 9, withPad: " ", startingAt: 0)
            }
            return name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + "\(seconds.count)/\(expected)".padding(toLength: 9, withPad: " ", startingAt: 0)
                + cell(percentile(0.5)) + cell(percentile(0.95)) + cell(percentile(1)) + bound
        }
    }

    let plan: StormPlan
    let budget: DemoStack.Budget
    let issues: Delays
    let comments: Delays
    let backlinks: Delays
    let guanceRequests: Int
    let guanceThrottled: Int
    let jiraRequests: Int
    let jiraThrottled: Int
    let peakMemory: [String: Int]

    init(
        plan: StormPlan, budget: DemoStack.Budget, observations: StormRun.Observations, simulators: SimulatorControl,
        peakMemory: [String: Int]
    ) async throws {
        self.plan = plan
        self.budget = budget
        self.peakMemory = peakMemory
        func delays(_ name: String, _ expected: Int, _ pairs: [(ContinuousClock.Instant?, ContinuousClock.Instant?)]) -> Delays {
            Delays(name: name, expected: expected, seconds: pairs.compactMap { made, seen in
                guard let made, let seen else { return nil }
                let (whole, atto) = (seen - made).components
                return max(0, Double(whole) + Double(atto) / 1e18)
            })
        }
        issues = delays("Jira issue", plan.issues, observations.issues.map { (observations.issueCreated[$0], observations.jiraIssueSeen[$0]) })
        comments = delays("Jira comment", plan.replies, (0..<plan.replies).map { (observations.replyWritten[$0], observations.commentSeen[$0]) })
        backlinks = delays("Guance back-link", plan.issues, observations.issues.map { (observations.issueCreated[$0], observations.backlinkSeen[$0]) })
        let guance = try await simulators.guanceRequests()
        guanceRequests = guance.total
        guanceThrottled = guance.throttled
        (jiraRequests, jiraThrottled) = try await simulators.jiraRequests()
    }

    /// Whether every issue and reply landed within its bound and nothing was throttled.
    func passes(_ bounds: Bounds) -> Bool {
        issues.seconds.count == issues.expected && comments.seconds.count == comments.expected
            && (issues.percentile(1) ?? 0) <= Self.seconds(bounds.issue)
            && (comments.percentile(1) ?? 0) <= Self.seconds(bounds.reply)
            && guanceThrottled == 0 && jiraThrottled == 0
    }

    func print(bounds: Bounds) {
        let shares = budget.stageBudgets.map { "\($0)" } ?? "default stage shares"
        Swift.print("""

            storm: \(plan.issues) Guance issues + \(plan.replies) replies over \(plan.spread); Guance key \(budget.guanceRequestsPerMinute) requests/min (\(shares)), guance-poller pool keys: \(budget.poolKeys)
            kind              landed   p50      p95      max      bound
            """)
        for (delays, bound) in [(issues, Optional(bounds.issue)), (comments, Optional(bounds.reply)), (backlinks, nil)] {
            Swift.print(row(delays, bound: bound))
        }
        let changes = max(plan.issues + plan.replies, 1)
        Swift.print("""
            Guance requests: \(guanceRequests) (\(String(format: "%.1f", Double(guanceRequests) / Double(changes))) per synced change), throttled: \(guanceThrottled)
            Jira requests:   \(jiraRequests) (\(String(format: "%.1f", Double(jiraRequests) / Double(changes))) per synced change), throttled (429): \(jiraThrottled)
            peak RSS:        \(peakMemory.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value / 1024) MB" }.joined(separator: ", "))
            result:          \(passes(bounds) ? "PASS" : "FAIL") (issues within \(bounds.issue), replies within \(bounds.reply), nothing throttled; back-links are reported, not judged)
            """)
    }

    private func row(_ delays: Delays, bound: Duration?) -> String {
        delays.row(bound: bound.map { "\(Self.seconds($0)) s" } ?? "trails")
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, atto) = duration.components
        return Double(whole) + Double(atto) / 1e18
    }

    /// Peak resident memory (`VmHWM`, kB) of each process, from `/proc` (empty where unavailable).
    static func peakMemory(of pids: [String: pid_t]) -> [String: Int] {
        memory(of: pids, field: "VmHWM:")
    }

    /// A `/proc/<pid>/status` field (kB) of each process (`VmRSS:` now, `VmHWM:` peak).
    static func memory(of pids: [String: pid_t], field: String) -> [String: Int] {
        pids.compactMapValues { pid in
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return nil }
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
    }
}
