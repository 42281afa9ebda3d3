import APICore
import Testing

@Suite("Backoff: the one back-off rule")
struct BackoffTests {
    @Test("doubles from the initial step and stops at the maximum")
    func doubling() {
        let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(20))
        let steps = (1...9).map { backoff.step(afterFailures: $0) }
        #expect(steps == [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16),
            .seconds(20), .seconds(20), .seconds(20),
        ])
        #expect(backoff.step(afterFailures: 0) == .milliseconds(500), "no failure counts as the first")
        #expect(backoff.step(afterFailures: .max) == .seconds(20), "no overflow")
    }

    @Test("whole seconds round up, for schedules kept in seconds")
    func seconds() {
        let writer = Backoff(initial: .seconds(1), maximum: .seconds(300))
        #expect((1...11).map { writer.seconds(afterFailures: $0) } == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300])
        #expect(Backoff(initial: .milliseconds(1500), maximum: .seconds(60)).seconds(afterFailures: 1) == 2)
    }

    @Test("equal jitter keeps half the step and scales the other half")
    func equalJitter() {
        let backoff = Backoff(initial: .seconds(4), maximum: .seconds(60))
        #expect(backoff.equalJitter(afterFailures: 1, unitRandom: 0) == .seconds(2))
        #expect(backoff.equalJitter(afterFailures: 1, unitRandom: 1) == .seconds(4))
        #expect(backoff.equalJitter(afterFailures: 2, unitRandom: 0.5) == .seconds(6))
        #expect(backoff.equalJitter(afterFailures: 1, unitRandom: 7) == .seconds(4), "random is clamped")
    }

    @Test("a factor range scales the whole step")
    func scaled() {
        let backoff = Backoff(initial: .seconds(5), maximum: .seconds(30))
        #expect(backoff.scaled(afterFailures: 1, by: 0.7...1.3, unitRandom: 0) == .seconds(3.5))
        #expect(backoff.scaled(afterFailures: 3, by: 0.7...1.3, unitRandom: 1) == .seconds(26))
        #expect(backoff.scaled(afterFailures: 4, by: 1...1, unitRandom: 0.3) == .seconds(30))
    }
}
