import Foundation
import SyncCore
import Testing

/// The age of another attempt's intent, as a writer may trust it: never another host's clock alone.
@Suite("IntentSightings: how old an intent is known to be")
struct IntentSightingsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let start = ContinuousClock.now

    func intent(linkedAt: Date, attempt: String = UUID().uuidString) -> LinkRecord {
        var record = LinkRecord(
            kind: .comment, guanceIssueUUID: "issue", jiraIssueId: "10001", jiraIssueKey: "OPS-1", guanceReplyUUID: "reply",
            origin: .guance, provenance: .created, linkedAt: linkedAt)
        record.attemptID = attempt
        return record
    }

    @Test("an intent from a host whose clock is ahead settles the settle time after it was first seen, not that plus the skew")
    func hostAhead() {
        let sightings = IntentSightings()
        let intent = intent(linkedAt: Self.now.addingTimeInterval(381))
        #expect(sightings.settleWait(intent, settleSeconds: 30, now: Self.now, instant: start) == .seconds(30))
        #expect(sightings.settleWait(intent, settleSeconds: 30, now: Self.now + 20, instant: start + .seconds(20)) == .seconds(10))
        #expect(sightings.settleWait(intent, settleSeconds: 30, now: Self.now + 30, instant: start + .seconds(30)) == nil)
    }

    @Test("an intent from a host whose clock is behind is waited on for the whole settle time (it may be in flight)")
    func hostBehind() {
        let sightings = IntentSightings()
        // Written just now by a host 400 s behind: linkedAt says 400 s old, which a settle of 30 s would trust.
        let intent = intent(linkedAt: Self.now.addingTimeInterval(-400))
        #expect(sightings.settleWait(intent, settleSeconds: 30, now: Self.now, instant: start) == .seconds(30))
        #expect(sightings.age(of: intent, now: Self.now + 29, instant: start + .seconds(29)) == 29)
    }

    @Test("an intent left longer ago than the settle time and the clock tolerance counts as settled at once")
    func leftLongAgo() {
        let sightings = IntentSightings()
        let intent = intent(linkedAt: Self.now.addingTimeInterval(-(HostClocks.tolerance + 31)))
        #expect(sightings.settleWait(intent, settleSeconds: 30, now: Self.now, instant: start) == nil)
        let existed = sightings.existedSince(intent, now: Self.now, instant: start)
        #expect(existed == Self.now.addingTimeInterval(-31))
    }

    @Test("the wait is at most the step at a time, and a second intent of the same key is a new sighting")
    func stepAndNewAttempt() {
        let sightings = IntentSightings()
        let first = intent(linkedAt: Self.now, attempt: "a")
        #expect(sightings.settleWait(first, settleSeconds: 300, step: 10, now: Self.now, instant: start) == .seconds(10))
        let later = start + .seconds(200)
        let second = intent(linkedAt: Self.now + 200, attempt: "b")
        #expect(sightings.settleWait(second, settleSeconds: 300, now: Self.now + 200, instant: later) == .seconds(300))
        #expect(sightings.settleWait(first, settleSeconds: 300, now: Self.now + 200, instant: later) == .seconds(100))
    }

    @Test("this process's own intent is as old as its acknowledged write, not its first reading by a later attempt")
    func ownIntent() {
        let sightings = IntentSightings()
        let own = intent(linkedAt: Self.now)
        sightings.noteWritten(own, instant: start)
        #expect(sightings.settleWait(own, settleSeconds: 30, now: Self.now + 25, instant: start + .seconds(25)) == .seconds(5))
    }

    @Test("intents without an attempt id (older releases) are told apart by their link-table key and stamp")
    func legacyIdentity() {
        let sightings = IntentSightings()
        func legacy(comment: String) -> LinkRecord {
            LinkRecord(
                kind: .comment, guanceIssueUUID: "issue", jiraIssueId: "10001", jiraIssueKey: "OPS-1", guanceReplyUUID: "",
                jiraCommentId: comment, origin: .jira, provenance: .created, linkedAt: Self.now)
        }
        _ = sightings.age(of: legacy(comment: "20001"), now: Self.now, instant: start)
        let later = start + .seconds(20)
        #expect(sightings.age(of: legacy(comment: "20002"), now: Self.now + 20, instant: later) == 0)
        #expect(sightings.age(of: legacy(comment: "20001"), now: Self.now + 20, instant: later) == 20)
    }

    @Test("sightings stay bounded; a forgotten one only waits longer")
    func bounded() {
        let sightings = IntentSightings()
        for index in 0..<5_000 {
            _ = sightings.age(of: intent(linkedAt: Self.now, attempt: "attempt-\(index)"), now: Self.now, instant: start + .milliseconds(index))
        }
        #expect(sightings.count <= 4_096)
        // The newest are kept.
        let newest = intent(linkedAt: Self.now, attempt: "attempt-4999")
        #expect(sightings.age(of: newest, now: Self.now, instant: start + .seconds(10)) > 5)
    }
}
