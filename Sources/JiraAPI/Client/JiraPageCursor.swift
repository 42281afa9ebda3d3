/// Where a page starts: an offset (`startAt`) or a Cloud `nextPageToken`.
public enum JiraPageCursor: Sendable, Hashable {
    /// The first page.
    case start
    /// An offset-based page.
    case offset(Int)
    /// A token-based page.
    case token(String)

    /// The offset this cursor stands for (0 for `start` and tokens).
    var startAt: Int {
        if case .offset(let value) = self { return value }
        return 0
    }

    /// The token, if any.
    var token: String? {
        if case .token(let value) = self { return value }
        return nil
    }
}
