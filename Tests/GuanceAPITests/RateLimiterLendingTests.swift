import Testing

@testable import GuanceAPI

@Suite("Rate limiter: lending budget between users of one key")
struct RateLimiterLendingTests {
    private let policy = GuanceRateLimitPolicy(requestsPerWindow: 5, window: .seconds(60), safetyMargin: .seconds(1))

    @Test("a loan lowers the lender's capacity until a window after it ends, and raises the borrower's only until it ends")
    func loanSpans() async throws {
        let clock = ManualClock()
        let lender = GuanceRateLimiter(policy: policy, clock: clock)
        let borrower = GuanceRateLimiter(policy: policy, clock: clock)
        try await lender.acquire()
        let ends = clock.now() + .seconds(30)
        #expect(lender.lend(upTo: 10, keeping: 1, leaseEnds: ends, id: "a") == 3)  // 5 - 1 used - 1 kept
        borrower.borrow(3, until: ends, id: "a")
        #expect(lender.status().remaining == 1)
        #expect(borrower.status().remaining == 8)
        #expect(lender.lendingState() == GuanceLendingState(idle: 1, wanted: 0, lent: 3, borrowed: 0))
        #expect(borrower.lendingState().borrowed == 3)

        for _ in 0..<8 { try await borrower.acquire() }
        // The borrower's ninth waits for the window, not for the loan: after the loan it has 5.
        #expect(borrower.status().remaining == 0)
        clock.advance(by: .seconds(31))
        #expect(borrower.status().remaining == 0, "8 in the window, over its own 5 once the loan ended")
        #expect(lender.status().remaining == 1, "the lender's own request still counts, and the loan's span runs on")
        clock.advance(by: .seconds(31))  // t = 62: the lender's first request left the window
        #expect(lender.status().remaining == 2)
        #expect(borrower.status().remaining == 5, "the 8 requests made under the loan left the window")
        clock.advance(by: .seconds(30))  // t = 92 > 30 + 61: the loan's span is over
        #expect(lender.status().remaining == 5)
    }

    @Test("a read-modify-write (two requests at once) waits until a loan leaves room for both, never squeezing them into the lowered capacity")
    func severalAtOnceUnderALoan() async throws {
        let clock = ManualClock()
        let limiter = GuanceRateLimiter(policy: GuanceRateLimitPolicy(requestsPerWindow: 3, window: .seconds(60), safetyMargin: .seconds(1)), clock: clock)
        let ends = clock.now() + .seconds(30)
        #expect(limiter.lend(upTo: 2, keeping: 1, leaseEnds: ends, id: "a") == 2)
        let start = clock.now()
        let pair = Task { try await limiter.acquire(count: 2) }
        while limiter.lendingState().wanted == 0 { await Task.yield() }
        // Capacity 1 until 30 s + 61 s: the pair is granted only then.
        clock.advance(by: .seconds(91))
        let slot = try await pair.value
        #expect(start.duration(to: slot) == .seconds(91))
        #expect(limiter.status().remaining == 1)
    }

    @Test("nothing is lent while requests wait or a backlog is reported, and never the reserve")
    func lendsOnlyIdle() async throws {
        let clock = ManualClock()
        let limiter = GuanceRateLimiter(policy: policy, clock: clock)
        let ends = clock.now() + .seconds(30)
        limiter.reportBacklog(2)
        #expect(limiter.lend(upTo: 5, keeping: 0, leaseEnds: ends, id: "l50") == 0)
        #expect(limiter.lendingState() == GuanceLendingState(idle: 0, wanted: 2, lent: 0, borrowed: 0))
        limiter.reportBacklog(0)
        for _ in 0..<4 { try await limiter.acquire() }
        #expect(limiter.lend(upTo: 5, keeping: 1, leaseEnds: ends, id: "l51") == 0, "one left, and it is the reserve")
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        while limiter.lendingState().wanted == 0 { await Task.yield() }
        clock.advance(by: .seconds(61))
        try await waiter.value
        #expect(limiter.lend(upTo: 2, keeping: 1, leaseEnds: clock.now() + .seconds(30), id: "b") == 2)
        #expect(limiter.lend(upTo: 5, keeping: 1, leaseEnds: clock.now() + .seconds(30), id: "c") == 1, "5 - 1 used - 2 lent - 1 kept")
        #expect(limiter.lend(upTo: 5, keeping: 0, leaseEnds: clock.now(), id: "d") == 0, "a loan that has ended lends nothing")
    }

    @Test("a lender and a borrower that take every request they may never exceed their two policies together, and the borrower gets more than its own")
    func neverExceedsTogether() async throws {
        let clock = ManualClock()
        let lender = GuanceRateLimiter(policy: policy, clock: clock)
        let borrower = GuanceRateLimiter(policy: policy, clock: clock)
        var sent: [ContinuousClock.Instant] = []
        var borrowerSent = 0
        var loan: (id: String, requests: Int)?
        var generator = SystemRandomNumberGenerator()
        let start = clock.now()
        for second in 0..<1200 {
            // The lender is busy (wants all it has) 40 s in every 150, idle otherwise (and then it
            // sends a request now and then); the borrower always wants more.
            let busy = second % 150 >= 110
            lender.reportBacklog(busy ? 10 : 0)
            let lenderWants = busy ? Int.max : (Int.random(in: 0..<30, using: &generator) == 0 ? 1 : 0)
            var lenderSent = 0
            while lenderSent < lenderWants, lender.status().remaining > 0 {
                try await lender.acquire()
                sent.append(clock.now())
                lenderSent += 1
            }
            if second % 5 == 0 {
                // Run the loan on while the lender is idle; else it lapses and a new one may follow.
                let ends = clock.now() + .seconds(30)
                if let current = loan, lender.extendLoan(current.id, leaseEnds: ends) {
                    borrower.borrow(current.requests, until: ends, id: current.id)
                } else {
                    let id = "loan-\(second)"
                    let lent = lender.lend(upTo: 5, keeping: 1, leaseEnds: ends, id: id)
                    loan = lent > 0 ? (id, lent) : nil
                    borrower.borrow(lent, until: ends, id: id)
                }
            }
            while borrower.status().remaining > 0 {
                try await borrower.acquire()
                sent.append(clock.now())
                borrowerSent += 1
            }
            clock.advance(by: .seconds(1))
        }
        sent.sort()
        for (index, first) in sent.enumerated() {
            let inWindow = sent[index...].prefix { $0 < first + policy.effectiveWindow }.count
            #expect(inWindow <= 2 * policy.requestsPerWindow, "window at \(start.duration(to: first))")
        }
        // On its own share the borrower could send 5 per 61 s: about 98 in 20 minutes; loans that
        // run on while the lender idles give it most of the lender's idle share on top.
        #expect(borrowerSent > 98 + 25, "the borrower got \(borrowerSent)")
    }
}
