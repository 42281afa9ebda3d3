/// Elements across pages, fetched lazily one page at a time.
///
/// Each page fetch gets the cursor the previous page returned and answers with its elements and the
/// next cursor (`nil` on the last page). A page that is empty yet claims a successor ends the
/// sequence, so a misbehaving server cannot make it spin.
public struct JiraPagedSequence<Element: Sendable>: AsyncSequence, Sendable {
    /// One fetched page.
    public struct Page: Sendable {
        /// The page's elements.
        public var elements: [Element]
        /// The cursor of the next page, `nil` when this is the last one.
        public var next: JiraPageCursor?

        /// Creates a page.
        public init(elements: [Element], next: JiraPageCursor?) {
            self.elements = elements
            self.next = next
        }
    }

    /// Fetches the page at a cursor.
    public typealias Fetch = @Sendable (JiraPageCursor) async throws -> Page

    private let fetch: Fetch

    /// Creates a sequence from a page fetcher.
    public init(fetch: @escaping Fetch) {
        self.fetch = fetch
    }

    /// Makes an iterator that starts at the first page.
    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch)
    }

    /// Collects every element (use only when the result is known to be small).
    public func collect() async throws -> [Element] {
        var result: [Element] = []
        for try await element in self { result.append(element) }
        return result
    }

    /// Iterates elements, fetching pages on demand.
    public struct Iterator: AsyncIteratorProtocol {
        private let fetch: Fetch
        private var buffer: [Element] = []
        private var bufferIndex = 0
        private var cursor: JiraPageCursor? = .start

        init(fetch: @escaping Fetch) {
            self.fetch = fetch
        }

        /// The next element, fetching the next page when the current one is exhausted.
        public mutating func next() async throws -> Element? {
            while bufferIndex == buffer.count {
                guard let current = cursor else { return nil }
                let page = try await fetch(current)
                buffer = page.elements
                bufferIndex = 0
                cursor = page.elements.isEmpty ? nil : page.next
            }
            defer { bufferIndex += 1 }
            return buffer[bufferIndex]
        }
    }
}
