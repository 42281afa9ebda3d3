/// An asynchronous sequence over every page of a paged list, fetched lazily one page at a time.
///
/// Paging stops after a page that ``GuancePage/isLast`` (empty, short, or
/// `pageIndex * pageSize >= totalCount`), or after `maxPages` pages as a guard against a server that
/// ignores `pageIndex`. Each page costs one request from the key's rate-limit budget.
public struct GuancePageSequence<Item: Sendable>: AsyncSequence, Sendable {
    /// Each element is one page.
    public typealias Element = GuancePage<Item>

    private let firstPageIndex: Int
    private let maxPages: Int
    private let fetchPage: @Sendable (Int) async throws -> GuancePage<Item>

    /// Creates a sequence from a page fetcher.
    /// - Parameters:
    ///   - firstPageIndex: the 1-based page to start at.
    ///   - maxPages: the most pages to fetch.
    ///   - fetchPage: fetches the page with the given index.
    public init(
        firstPageIndex: Int = 1,
        maxPages: Int = 10_000,
        fetchPage: @escaping @Sendable (Int) async throws -> GuancePage<Item>
    ) {
        self.firstPageIndex = Swift.max(1, firstPageIndex)
        self.maxPages = Swift.max(1, maxPages)
        self.fetchPage = fetchPage
    }

    /// Creates the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(nextIndex: firstPageIndex, remainingPages: maxPages, fetchPage: fetchPage)
    }

    /// Fetches every page and returns all items in order.
    public func collectItems() async throws -> [Item] {
        var items: [Item] = []
        for try await page in self { items.append(contentsOf: page.items) }
        return items
    }

    /// The iterator: fetches the next page on demand.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var nextIndex: Int?
        var remainingPages: Int
        let fetchPage: @Sendable (Int) async throws -> GuancePage<Item>

        /// The next page, or `nil` after the last one.
        public mutating func next() async throws -> GuancePage<Item>? {
            guard let index = nextIndex, remainingPages > 0 else { return nil }
            let page = try await fetchPage(index)
            remainingPages -= 1
            nextIndex = page.isLast ? nil : index + 1
            return page
        }
    }
}
