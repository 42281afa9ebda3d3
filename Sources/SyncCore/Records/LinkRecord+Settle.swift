import Foundation

extension LinkRecord {
    /// How often a writer waiting on another attempt's intent looks at the link table again: the
    /// writer of the intent, alive in another replica, may record its link long before the
    /// settle time ends.
    public static let intentRecheckSeconds: TimeInterval = 10

    /// How long to wait before trusting a strongly consistent read over this intent (its write may
    /// still be in flight until `settleSeconds` after it was recorded), at most `step` seconds at a
    /// time; `nil` once it has settled.
    public func settleWait(settleSeconds: TimeInterval, step: TimeInterval = .infinity, now: Date = Date()) -> Duration? {
        let remaining = settleSeconds - now.timeIntervalSince(linkedAt)
        guard remaining > 0 else { return nil }
        return .milliseconds(Int64((min(remaining, step) * 1000).rounded(.up)))
    }
}
