import Foundation
import Synchronization

/// The simulator's clock, used for every timestamp it writes and for the rate-limit windows.
///
/// It follows real time by default; tests advance or set it to simulate minutes of activity instantly.
public final class SimulatorClock: Sendable {
    private enum Mode {
        case system(offsetSeconds: Double)
        case manual(epochSeconds: Double)
    }

    private let mode: Mutex<Mode>

    /// Creates a clock.
    public init(start: GuanceSimulatorClockStart) {
        switch start {
        case .system: mode = Mutex(.system(offsetSeconds: 0))
        case .manual(let epochSeconds): mode = Mutex(.manual(epochSeconds: epochSeconds))
        }
    }

    /// The current simulated time in epoch seconds.
    public func now() -> Double {
        mode.withLock { mode in
            switch mode {
            case .system(let offset): Date().timeIntervalSince1970 + offset
            case .manual(let epochSeconds): epochSeconds
            }
        }
    }

    /// Moves the clock forward (or back, with a negative value) by `seconds`.
    public func advance(bySeconds seconds: Double) {
        mode.withLock { mode in
            switch mode {
            case .system(let offset): mode = .system(offsetSeconds: offset + seconds)
            case .manual(let epochSeconds): mode = .manual(epochSeconds: epochSeconds + seconds)
            }
        }
    }

    /// Sets the current simulated time; a system clock keeps ticking from there.
    public func set(epochSeconds: Double) {
        mode.withLock { mode in
            switch mode {
            case .system: mode = .system(offsetSeconds: epochSeconds - Date().timeIntervalSince1970)
            case .manual: mode = .manual(epochSeconds: epochSeconds)
            }
        }
    }
}
