import Foundation

/// Where a sweep that did not fit into one cycle's budget goes on: the sweep lists every issue
/// (no window), page after page, channel after channel, spread over as many cycles as the budget
/// needs — it never waits for a minute with room for all its pages (at 20 requests a minute that
/// minute never comes past about 13 pages). A sweep gets half of what a cycle has left (at least a
/// page, except that with a single request left it takes turns with the reply checks), so reply checks
/// keep about half the budget while it runs.
///
/// Issue lists have no sort parameter: issues created while a sweep pages shift later pages, so a
/// page may repeat issues (harmless: snapshots are de-duplicated) or, when issues leave the list,
/// skip one until the next sweep.
package struct SweepCursor: Sendable, Hashable, Codable {
    /// The index (in the configured channels) of the channel being swept.
    package var channel: Int
    /// The next page of that channel (1-based, as Guance numbers them).
    package var page: Int
    /// Pages read so far in this sweep, over every channel.
    package var pagesRead: Int
    /// When the sweep began.
    package var startedAt: Date
    /// Cycles in a row that gave the sweep no page (a cycle with a single request to spend gives it to
    /// the sweep only after one that did not, so sweep and reply checks take turns).
    package var cyclesWithoutPage: Int

    /// A sweep beginning at `time` on the first page of the first channel.
    package init(startedAt time: Date) {
        channel = 0
        page = 1
        pagesRead = 0
        startedAt = time
        cyclesWithoutPage = 0
    }

    private enum CodingKeys: String, CodingKey { case channel, page, pagesRead, startedAt, cyclesWithoutPage }

    /// Decodes a cursor (fields added later default to zero).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channel = try container.decode(Int.self, forKey: .channel)
        page = try container.decode(Int.self, forKey: .page)
        pagesRead = try container.decode(Int.self, forKey: .pagesRead)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        cyclesWithoutPage = try container.decodeIfPresent(Int.self, forKey: .cyclesWithoutPage) ?? 0
    }
}
