import Foundation
import StageRuntime
import Synchronization

/// Holds every event back while Guance refuses the API key: a refused key is an operator error,
/// so events wait (readiness `guance` failing) instead of draining into the dead-letter topic.
/// After the wait, the next call tries the key again; a success reopens the gate.
final class GuanceKeyGate: Sendable {
    private let closedUntil = Mutex<ContinuousClock.Instant?>(nil)
    private let unanswered = Mutex(false)
    private let readiness: Readiness

    /// The readiness check this gate keeps current.
    static let check = "guance"

    init(readiness: Readiness) {
        self.readiness = readiness
    }

    /// How long events must still wait, or `nil` when calls may go ahead.
    var remainingWait: Duration? {
        let now = ContinuousClock.now
        return closedUntil.withLock { until in
            guard let until, until > now else { return nil }
            return until - now
        }
    }

    /// Guance refused the key: hold events back for `seconds`.
    func refused(for seconds: Int, reason: String) {
        closedUntil.withLock { $0 = ContinuousClock.now + .seconds(seconds) }
        unanswered.withLock { $0 = false }
        readiness.set(Self.check, ready: false, detail: "API key refused; fix GUANCE_API_KEY (\(reason))")
    }

    /// Guance answered a call: the key works.
    func accepted() {
        closedUntil.withLock { $0 = nil }
        unanswered.withLock { $0 = false }
        readiness.set(Self.check, ready: true)
    }

    /// Guance could not be asked (e.g. unreachable at start): report it without holding events back.
    func unknown(_ detail: String) {
        unanswered.withLock { $0 = true }
        readiness.set(Self.check, ready: false, detail: detail)
    }

    /// Whether the last word on the key was ``unknown(_:)``: nobody knows yet whether it works.
    var isUnanswered: Bool { unanswered.withLock { $0 } }
}
