import Foundation
import GuanceAPI
import Testing

/// Guance's clock from the `Date` header of its answers.
@Suite("Guance service clock")
struct GuanceServiceClockTests {
    @Test("an HTTP date gives the offset from the host's clock; unreadable ones are ignored")
    func offsetFromDateHeader() throws {
        let clock = GuanceServiceClock()
        #expect(clock.offsetSeconds == nil)
        let local = Date(timeIntervalSince1970: 1_796_534_146)  // 2026-12-06T05:15:46Z
        #expect(clock.now(at: local) == local)
        clock.record(dateHeader: "Sun, 06 Dec 2026 05:05:46 GMT", receivedAt: local)
        #expect(clock.offsetSeconds == -600)
        #expect(clock.now(at: local) == local.addingTimeInterval(-600))
        clock.record(dateHeader: "yesterday", receivedAt: local)
        #expect(clock.offsetSeconds == -600)
        #expect(GuanceServiceClock.parse("Sun, 06 Dec 2026 05:15:46 GMT") == local)
    }
}
