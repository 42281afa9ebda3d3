import Testing

@testable import GuanceAPI

@Suite("Paging rules and backoff")
struct PagingAndBackoffTests {
    private func page(_ count: Int, index: Int, requested: Int, info: GuancePageInfo?) -> GuancePage<Int> {
        GuancePage(items: Array(0..<count), pageIndex: index, requestedPageSize: requested, pageInfo: info)
    }

    @Test("last-page rules: empty, short, pageIndex*pageSize >= totalCount, server-capped size")
    func lastPage() {
        #expect(page(0, index: 1, requested: 10, info: nil).isLast)
        #expect(page(9, index: 1, requested: 10, info: nil).isLast)
        #expect(!page(10, index: 1, requested: 10, info: nil).isLast)
        #expect(page(10, index: 2, requested: 10, info: GuancePageInfo(pageSize: 10, totalCount: 20)).isLast)
        #expect(!page(10, index: 1, requested: 10, info: GuancePageInfo(pageSize: 10, totalCount: 21)).isLast)
        // The server applied a smaller page size than requested: keep paging by its size.
        #expect(!page(100, index: 1, requested: 500, info: GuancePageInfo(pageSize: 100, totalCount: 250)).isLast)
    }

    @Test("the page sequence walks every page exactly once and stops on totalCount")
    func walksAllPages() async throws {
        let total = 1_234
        let pageSize = 50
        let requested = LockedBox<[Int]>([])
        let sequence = GuancePageSequence<Int> { index in
            requested.withLock { $0.append(index) }
            let start = (index - 1) * pageSize
            let items = Array(start..<min(start + pageSize, total))
            return GuancePage(
                items: items, pageIndex: index, requestedPageSize: pageSize,
                pageInfo: GuancePageInfo(count: items.count, pageIndex: index, pageSize: pageSize, totalCount: total)
            )
        }
        let items = try await sequence.collectItems()
        #expect(items == Array(0..<total))
        #expect(requested.withLock { $0 } == Array(1...25))
    }

    @Test("the page sequence stops at maxPages when a server ignores pageIndex")
    func maxPagesGuard() async throws {
        let calls = LockedBox(0)
        let sequence = GuancePageSequence<Int>(maxPages: 7) { index in
            calls.withLock { $0 += 1 }
            return GuancePage(items: Array(0..<10), pageIndex: index, requestedPageSize: 10, pageInfo: nil)
        }
        var pages = 0
        for try await _ in sequence { pages += 1 }
        #expect(pages == 7)
        #expect(calls.withLock { $0 } == 7)
    }

    @Test("backoff doubles with equal jitter and respects caps")
    func backoff() {
        let policy = GuanceRetryPolicy.default
        #expect(policy.delay(afterFailures: 1, throttled: false, unitRandom: 0) == .milliseconds(250))
        #expect(policy.delay(afterFailures: 1, throttled: false, unitRandom: 1) == .milliseconds(500))
        #expect(policy.delay(afterFailures: 3, throttled: false, unitRandom: 0.5) == .milliseconds(1_500))
        #expect(policy.delay(afterFailures: 40, throttled: false, unitRandom: 1) == .seconds(20))
        #expect(policy.delay(afterFailures: 1, throttled: true, unitRandom: 0) == .milliseconds(2_500))
        #expect(policy.delay(afterFailures: 9, throttled: true, unitRandom: 1) == .seconds(60))
        for failures in 1...10 {
            let low = policy.delay(afterFailures: failures, throttled: false, unitRandom: 0)
            let high = policy.delay(afterFailures: failures, throttled: false, unitRandom: 0.999)
            #expect(low > .zero)
            #expect(high >= low)
            #expect(high <= low * 2)
        }
    }
}
