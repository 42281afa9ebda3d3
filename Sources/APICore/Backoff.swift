/// Exponential back-off: the step after the first failure is ``initial``, doubled per further
/// failure, never above ``maximum``. The one back-off rule of the code base: both API clients'
/// retry policies and both writers' failure classifiers compute their delays with it, each adding
/// the jitter its service's guidance asks for.
public struct Backoff: Sendable, Hashable {
    /// The step after the first failure.
    public var initial: Duration
    /// The largest step.
    public var maximum: Duration

    /// Creates a back-off from `initial` doubling up to `maximum`.
    public init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The step after `failures` failures (1 → ``initial``); values below 1 count as 1.
    public func step(afterFailures failures: Int) -> Duration {
        var step = initial
        for _ in 0..<min(max(failures - 1, 0), 62) {
            if step >= maximum { break }
            step = step * 2
        }
        return min(step, maximum)
    }

    /// The step after `failures` failures in whole seconds (rounded up), for schedules kept in seconds.
    public func seconds(afterFailures failures: Int) -> Int {
        let (seconds, attoseconds) = step(afterFailures: failures).components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }

    /// "Equal jitter": half the step fixed, half scaled by `unitRandom` (clamped to `0...1`).
    public func equalJitter(afterFailures failures: Int, unitRandom: Double) -> Duration {
        let step = step(afterFailures: failures)
        return step / 2 + (step / 2) * min(max(unitRandom, 0), 1)
    }

    /// The step scaled by a factor drawn from `range` with `unitRandom` (clamped to `0...1`).
    public func scaled(afterFailures failures: Int, by range: ClosedRange<Double>, unitRandom: Double) -> Duration {
        let step = step(afterFailures: failures)
        let factor = range.lowerBound + (range.upperBound - range.lowerBound) * min(max(unitRandom, 0), 1)
        return factor == 1 ? step : step * factor
    }
}
