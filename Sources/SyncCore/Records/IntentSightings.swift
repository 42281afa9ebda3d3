import Foundation
import Synchronization

/// How old each intent on the link table is known to be, as far as this process can tell without
/// trusting another host's clock.
///
/// A writer that meets another attempt's intent (an add or a create whose outcome is unknown, or
/// still in flight) waits until the intent has *settled* — existed for the settle time — before it
/// trusts a read over it. The intent's ``LinkRecord/linkedAt`` is the writing host's clock: a host
/// ahead makes the intent look young (the reader waited settle *plus* the skew: chaos seed 20261206,
/// writers 381 s apart, an event held for minutes), a host behind makes it look old (the reader
/// stopped waiting while the add was still in flight: a duplicate). So the age counted is the larger
/// of two lower bounds of the true age:
/// - how long this process has seen the intent (its monotonic clock, from the first sight), and
/// - the age `linkedAt` shows, less ``HostClocks/tolerance``.
///
/// The first makes every wait end at most the settle time after the intent was first seen, whatever
/// the clocks; the second lets an intent left long ago (a crash an hour back) count as settled at
/// once, in a process that has just started.
public final class IntentSightings: Sendable {
    /// How often a writer waiting on another attempt's intent looks at the link table again: the
    /// writer of the intent, alive in another replica, may record its link long before the
    /// settle time ends.
    public static let recheckSeconds: TimeInterval = 10
    /// Sightings kept before the oldest are forgotten (forgetting one only makes its wait longer).
    static let capacity = 4_096

    private let sightings = Mutex<[String: ContinuousClock.Instant]>([:])

    /// Creates an empty record of sightings.
    public init() {}

    /// How long `intent` is known to have existed: noted as seen now if it was not seen before.
    public func age(of intent: LinkRecord, now: Date = Date(), instant: ContinuousClock.Instant = .now) -> TimeInterval {
        let firstSeen = sightings.withLock { seen in
            let key = Self.identity(of: intent)
            if let first = seen[key] { return first }
            if seen.count >= Self.capacity {
                let oldest = seen.sorted { $0.value < $1.value }.prefix(Self.capacity / 4).map(\.key)
                for key in oldest { seen.removeValue(forKey: key) }
            }
            seen[key] = instant
            return instant
        }
        let seenFor = (instant - firstSeen).seconds
        return max(seenFor, now.timeIntervalSince(intent.linkedAt) - HostClocks.tolerance)
    }

    /// When `intent` is known to have existed since, on this host's clock (now less its ``age(of:now:instant:)``).
    public func existedSince(_ intent: LinkRecord, now: Date = Date(), instant: ContinuousClock.Instant = .now) -> Date {
        now.addingTimeInterval(-age(of: intent, now: now, instant: instant))
    }

    /// How long to wait before trusting a strongly consistent read over `intent` (its write may be
    /// in flight until it has existed `settleSeconds`), at most `step` seconds at a time; `nil` once
    /// it has settled.
    public func settleWait(
        _ intent: LinkRecord, settleSeconds: TimeInterval, step: TimeInterval = .infinity, now: Date = Date(),
        instant: ContinuousClock.Instant = .now
    ) -> Duration? {
        let remaining = settleSeconds - age(of: intent, now: now, instant: instant)
        guard remaining > 0 else { return nil }
        return .milliseconds(Int64((min(remaining, step) * 1000).rounded(.up)))
    }

    /// Notes that this process wrote `intent` and saw it acknowledged at `instant`: its own intent
    /// is as old as that, not as old as the first time a later attempt reads it.
    public func noteWritten(_ intent: LinkRecord, instant: ContinuousClock.Instant = .now) {
        _ = age(of: intent, instant: instant)
    }

    /// The number of intents remembered.
    public var count: Int { sightings.withLock { $0.count } }

    /// The attempt id; for an intent written before attempts had ids, its link-table key and stamp.
    private static func identity(of intent: LinkRecord) -> String {
        if let attempt = intent.attemptID { return attempt }
        return "\(intent.key)|\(intent.linkedAt.timeIntervalSince1970)"
    }
}
