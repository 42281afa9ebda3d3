import Foundation

/// The simulated clock: real time plus an offset, or frozen at an instant.
struct SimulatorClock: Sendable {
    private var offset: TimeInterval = 0
    private var frozenAt: Date?

    /// The simulated now.
    var now: Date { frozenAt ?? Date().addingTimeInterval(offset) }

    /// Jumps to `date`; when `frozen`, time stands still until changed again.
    mutating func set(_ date: Date, frozen: Bool) {
        if frozen {
            frozenAt = date
        } else {
            frozenAt = nil
            offset = date.timeIntervalSinceNow
        }
    }

    /// Moves the clock forward (or back, for negative values).
    mutating func advance(by interval: TimeInterval) {
        if let frozenAt {
            self.frozenAt = frozenAt.addingTimeInterval(interval)
        } else {
            offset += interval
        }
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
