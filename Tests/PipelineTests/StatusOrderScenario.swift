import Foundation

/// One order of status changes played on one linked pair by ``StatusOrderTests``.
struct StatusOrderScenario: Sendable, CustomStringConvertible {
    /// One change by a person (or, in Guance, the monitor).
    struct Change: Sendable, Hashable, CustomStringConvertible {
        enum Side: String, Sendable { case guance, jira }

        var side: Side
        /// Guance `statusType` (20 resolve, 25 close, 10 reopen) or classic-workflow Jira status id
        /// (`5` Resolved, `6` Closed, `4` Reopened).
        var value: String
        /// Guance only: `monitor` or a member.
        var byMonitor: Bool

        var isDone: Bool { side == .guance ? value != "10" : value != "4" }

        var description: String {
            let verb = !isDone ? "reopen" : (value == "25" || value == "6" ? "close" : "resolve")
            let who = side == .guance ? (byMonitor ? " (monitor)" : " (member)") : ""
            return "\(side == .guance ? "Guance" : "Jira") \(verb)\(who)"
        }

        /// Resolve, close and reopen on either side; in Guance by a member or by the monitor.
        static let all: [Change] = [
            Change(side: .guance, value: "20", byMonitor: false), Change(side: .guance, value: "25", byMonitor: false),
            Change(side: .guance, value: "10", byMonitor: false), Change(side: .guance, value: "20", byMonitor: true),
            Change(side: .guance, value: "25", byMonitor: true), Change(side: .guance, value: "10", byMonitor: true),
            Change(side: .jira, value: "5", byMonitor: false), Change(side: .jira, value: "6", byMonitor: false),
            Change(side: .jira, value: "4", byMonitor: false),
        ]
    }

    /// How far apart the changes are.
    enum Spacing: String, Sendable {
        /// Each change after the pipeline carried the previous one (slower than a poll round trip).
        case slow
        /// Faster than a poll: the next change comes before the pollers look (a Guance change still
        /// waits until guance-poller has delivered the previous Guance change: a Guance status that
        /// lasts less than a poll is invisible through the documented API).
        case fast
    }

    var changes: [Change]
    var spacing: Spacing

    var description: String { "[\(changes.map(\.description).joined(separator: ", "))] \(spacing.rawValue)" }

    /// Every sequence of 1…`length` changes.
    static func sequences(upTo length: Int) -> [[Change]] {
        var all: [[Change]] = []
        var current: [[Change]] = [[]]
        for _ in 1...length {
            current = current.flatMap { prefix in Change.all.map { prefix + [$0] } }
            all += current
        }
        return all
    }

    /// The scenarios to run: with `SYNC_STATUS_ORDERS=all`, every sequence of up to four changes
    /// (7,380) at both spacings; otherwise every sequence of up to two changes faster than a poll
    /// and a fixed sample of `sample` longer ones (the same every run) at both spacings.
    static func selected(environment: [String: String], sample: Int = 15) -> [StatusOrderScenario] {
        if environment["SYNC_STATUS_ORDERS"] == "all" {
            return Self.sequences(upTo: 4).flatMap {
                [StatusOrderScenario(changes: $0, spacing: .slow), StatusOrderScenario(changes: $0, spacing: .fast)]
            }
        }
        let longer = Self.sequences(upTo: 4).filter { $0.count > 2 }
        let step = max(1, longer.count / sample)
        let sampled = stride(from: 7, to: longer.count, by: step).map { longer[$0] }
        return Self.sequences(upTo: 2).map { StatusOrderScenario(changes: $0, spacing: .fast) }
            + sampled.flatMap { [StatusOrderScenario(changes: $0, spacing: .slow), StatusOrderScenario(changes: $0, spacing: .fast)] }
    }
}
