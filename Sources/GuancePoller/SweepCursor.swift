import Foundation

/// Where a sweep that did not fit into one cycle's budget goes on: the sweep lists every issue
/// (no window), page after page, channel after channel, spread over as many cycles as the budget
/// needs — it never waits for a minute with room for all its pages (at 20 requests a minute that
/// minute never comes past about 13 pages).
///
/// Issue lists have no sort parameter: issues created while a sweep pages shift later pages, so a
/// page may repeat issues (harmless: snapshots are de-duplicated) or, when issues leave the list,
/// skip one until the next sweep.
public struct SweepCursor: Sendable, Hashable, Codable {
    /// The index (in the configured channels) of the channel being swept.
    public var channel: Int
    /// The next page of that channel (1-based, as Guance numbers them).
    public var page: Int
    /// Pages read so far in this sweep, over every channel.
    public var pagesRead: Int
    /// When the sweep began: it counts as a sweep made at that time.
    public var startedAt: Date

    /// A sweep beginning at `time` on the first page of the first channel.
    public init(startedAt time: Date) {
        channel = 0
        page = 1
        pagesRead = 0
        startedAt = time
    }
}
