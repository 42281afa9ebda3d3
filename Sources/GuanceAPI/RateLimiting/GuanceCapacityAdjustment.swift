/// A change of a rate limiter's capacity over a span: a loan given (negative) or taken (positive).
struct GuanceCapacityAdjustment: Sendable, Hashable {
    /// The loan's id (the same on the lender's and the borrower's side).
    var loan: String
    /// Requests added to (or, when negative, taken from) the capacity.
    var requests: Int
    /// When the change begins.
    var from: ContinuousClock.Instant
    /// When it ends (exclusive).
    var until: ContinuousClock.Instant
}
