/// One key owner's budget as the budget exchange sees it (``GuanceRateLimiter/lendingState()``).
public struct GuanceLendingState: Sendable, Hashable {
    /// Requests unused in the current window (0 while anything waits): what could be lent.
    public var idle: Int
    /// Requests waiting for budget plus the backlog the owner reported: what it would borrow.
    public var wanted: Int
    /// Requests lent out whose span is not over.
    public var lent: Int
    /// Requests borrowed and still usable.
    public var borrowed: Int

    /// Creates a state.
    public init(idle: Int, wanted: Int, lent: Int, borrowed: Int) {
        self.idle = idle
        self.wanted = wanted
        self.lent = lent
        self.borrowed = borrowed
    }
}
