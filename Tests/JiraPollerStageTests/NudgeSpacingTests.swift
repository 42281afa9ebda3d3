import JiraPollerStage
import StageRuntime
import Testing

@Suite("Webhook nudges are coalesced")
struct NudgeSpacingTests {
    @Test("nudges start at most one poll per interval, whatever their number")
    func spacing() {
        let start = ContinuousClock.now
        var spacing = NudgeSpacing(interval: .seconds(5))
        #expect(spacing.holdingTime(at: start) == .zero, "the first nudge polls at once")
        spacing.pollStarted(at: start)
        var polls = 1
        // 20 nudges within 0.2 s (the burst that used to cost 14–15 searches).
        for index in 1..<20 {
            let now = start + .milliseconds(10 * index)
            let hold = spacing.holdingTime(at: now)
            #expect(hold == .seconds(5) - .milliseconds(10 * index))
            if hold == .zero {
                spacing.pollStarted(at: now)
                polls += 1
            }
        }
        #expect(polls == 1)
        #expect(spacing.holdingTime(at: start + .seconds(5)) == .zero)
        #expect(spacing.holdingTime(at: start + .seconds(7)) == .zero)
    }

    @Test("a burst of nudges right after a nudged poll is held for the spacing and counts once",
          .timeLimit(.minutes(1)))
    func burstCoalesces() async {
        let clock = ContinuousClock()
        let trigger = PollTrigger(nudgeSpacing: .seconds(1))
        trigger.fire()
        await trigger.wait(upTo: .seconds(3600))  // the first nudged poll: at once
        let firstPoll = clock.now
        for _ in 0..<20 { trigger.fire() }
        await trigger.wait(upTo: .seconds(3600))  // the second: only once the spacing has passed
        #expect(clock.now - firstPoll >= .milliseconds(800), "a nudge within the spacing was not held")
        #expect(!trigger.isPending, "20 nudges in a burst are one nudge")
    }

    @Test("the poll interval still ends a held nudge", .timeLimit(.minutes(1)))
    func heldNudgeNeverOutlastsTheInterval() async {
        let clock = ContinuousClock()
        let trigger = PollTrigger(nudgeSpacing: .seconds(3600))
        trigger.fire()
        await trigger.wait(upTo: .seconds(3600))
        trigger.fire()
        let began = clock.now
        await trigger.wait(upTo: .milliseconds(200))
        #expect(clock.now - began < .seconds(30))
    }
}
