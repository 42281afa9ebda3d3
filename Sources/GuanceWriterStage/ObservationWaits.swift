import Foundation
import SyncCore
import Synchronization

/// Jira status events waiting for guance-poller to deliver a Guance version (a
/// ``SyncCore/StatusVerdict/Action/awaitObservation(_:)`` verdict): while the status ledger has not
/// seen that version and the patience lasts, a retry only looks at the ledger — no Guance call.
final class ObservationWaits: Sendable {
    private struct Wait {
        var version: Date
        var since: Date
    }

    /// How long an event waits at most.
    let patience: TimeInterval
    /// The pause between two looks at the ledger.
    let recheck: TimeInterval
    private let waits = Mutex<[EventID: Wait]>([:])

    /// Creates the table.
    init(patience: TimeInterval, recheck: TimeInterval = 10) {
        self.patience = patience
        self.recheck = recheck
    }

    /// Starts waiting for `version` (or goes on waiting) and returns the delay before the next attempt.
    func start(_ event: EventID, version: Date, now: Date = Date()) -> Duration {
        let since = waits.withLock { waits in
            let since = waits[event]?.since ?? now
            waits[event] = Wait(version: version, since: since)
            return since
        }
        return delay(left: patience - now.timeIntervalSince(since))
    }

    /// The delay before the next attempt while `event` waits and the ledger's newest Guance version
    /// (`seen`) is still older than the one awaited; `nil` when it is time to read Guance again
    /// (the version arrived, the patience ran out, or the event is not waiting).
    func pending(_ event: EventID, seen: Date?, now: Date = Date()) -> Duration? {
        guard let wait = waits.withLock({ $0[event] }) else { return nil }
        if let seen, seen >= wait.version { return nil }
        let left = patience - now.timeIntervalSince(wait.since)
        return left > 0 ? delay(left: left) : nil
    }

    /// Whether `event` has waited as long as it may.
    func patienceEnded(_ event: EventID, now: Date = Date()) -> Bool {
        guard let wait = waits.withLock({ $0[event] }) else { return patience <= 0 }
        return now.timeIntervalSince(wait.since) >= patience
    }

    /// Stops tracking `event` (decided).
    func forget(_ event: EventID) {
        _ = waits.withLock { $0.removeValue(forKey: event) }
    }

    private func delay(left: TimeInterval) -> Duration {
        .milliseconds(Int(max(1, min(recheck, left)) * 1000))
    }
}
