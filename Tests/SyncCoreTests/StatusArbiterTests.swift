import Foundation
import SyncCore
import Testing

/// The status decision both writers make (``StatusArbiter``), on the situations issue reports named.
@Suite("StatusArbiter")
struct StatusArbiterTests {
    static func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + seconds) }

    static func guance(_ statusType: Int, _ updated: Double, changed: Double? = nil, seen: Double? = nil) -> SideStatus {
        var status = SideStatus.guance(statusType: statusType, updatedAt: at(updated), statusChangedAt: changed.map(at))!
        status.seenAt = seen.map(at)
        return status
    }

    static func jira(_ category: String, _ id: String, _ categoryChanged: Double, updated: Double? = nil) -> SideStatus {
        SideStatus.jira(categoryKey: category, statusId: id, statusCategoryChangedAt: at(categoryChanged), updated: at(updated ?? categoryChanged))!
    }

    static func agreement(
        _ writer: String, guance: SideStatus, jira: SideStatus, decided: Double? = nil, observed: SideStatus? = nil
    ) -> StatusAgreement {
        StatusAgreement(
            guanceIssueUUID: "issue_a", jiraIssueId: "10001", writer: writer, guance: guance.decided(at: decided.map(at)),
            jira: jira.decided(at: decided.map(at)), guanceObserved: observed)
    }

    static func entry(_ records: StatusAgreement...) -> StatusLedgerEntry {
        StatusLedgerEntry(records: records, jiraIssueId: "10001")
    }

    let arbiter = StatusArbiter(conflictRule: .mostRecent)

    @Test("a Guance reopen after guance-writer carried a Jira resolve reaches Jira (the agreement guance-writer recorded says Jira is as agreed)")
    func reopenAfterJiraResolve() {
        // Created open/open; a person resolved Jira at 100; guance-writer wrote Guance 20 at 101.
        let ledger = Self.entry(
            Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0)),
            Self.agreement("guance-writer", guance: Self.guance(20, 101), jira: Self.jira("done", "3", 100), decided: 100))
        // 30 s later a person reopens Guance; guance-poller delivers it.
        let verdict = arbiter.decide(change: Self.guance(10, 131, changed: 131), target: Self.jira("done", "3", 100), entry: ledger)
        #expect(verdict.categoryToWrite == .open, "\(verdict)")
    }

    @Test("a replayed Jira change older than a Jira reading guance-writer already handled is stale (a replay once bounced Guance)")
    func replayedJiraChangeOlderThanObserved() {
        // Created open/open. Jira resolved at 100 and reopened at 109; Guance was resolved and reopened by people
        // meanwhile, so guance-writer found Guance already agreeing both times and recorded observations only.
        var agreed = Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0))
        var observations = Self.agreement("guance-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0))
        observations.jiraObserved = Self.jira("new", "1", 109)
        agreed.guanceObserved = Self.guance(10, 112)
        let ledger = Self.entry(agreed, observations)
        // A replay of the writer group delivers the resolve of 100 again, while Guance stays open.
        let replayed = Self.jira("done", "3", 100)
        #expect(StatusArbiter.isStale(replayed, entry: ledger))
        #expect(arbiter.decide(change: replayed, target: Self.guance(10, 112), entry: ledger).action == .stale)
        // A change after the observed reading is not.
        #expect(!StatusArbiter.isStale(Self.jira("done", "3", 120), entry: ledger))
    }

    @Test("a replayed Guance snapshot with the agreed version but another status, observed earlier, is stale (created and resolved in one second)")
    func replayedGuanceSnapshotOfTheSameSecond() {
        // guance-poller saw the new issue open (updateAt 5, no status-change time: its first
        // snapshot), then resolved with updateAt still 5 (one second) and status-change time 5.
        let agreed = Self.agreement(
            "jira-writer", guance: Self.guance(20, 5, changed: 5, seen: 12), jira: Self.jira("done", "3", 13), decided: 5)
        let ledger = Self.entry(agreed)
        let replayed = Self.guance(10, 5, seen: 10)
        #expect(StatusArbiter.isStale(replayed, entry: ledger))
        #expect(arbiter.decide(change: replayed, target: Self.jira("done", "3", 13), entry: ledger).action == .stale)
        // A reopen in that same second, observed later, is not.
        #expect(!StatusArbiter.isStale(Self.guance(10, 5, changed: 5, seen: 14), entry: ledger))
    }

    @Test("a replayed reopen and resolve of one Guance second change nothing (chaos seed 3368097837)")
    func replayedReopenAndResolveOfOneSecond() {
        // Guance was reopened and resolved again within second 105; guance-poller observed 10 at 101
        // and 20 at 103 (each with status-change time 105, the only time it can know); jira-writer
        // carried both to Jira. Replayed in log order, neither may move Jira again.
        let agreed = Self.agreement(
            "jira-writer", guance: Self.guance(20, 105, changed: 105, seen: 103), jira: Self.jira("done", "3", 107), decided: 105)
        let ledger = Self.entry(agreed)
        let reopen = Self.guance(10, 105, changed: 105, seen: 101)
        #expect(StatusArbiter.isStale(reopen, entry: ledger))
        #expect(arbiter.decide(change: reopen, target: Self.jira("done", "3", 107), entry: ledger).action == .stale)
        #expect(StatusArbiter.isStale(Self.guance(20, 105, changed: 105, seen: 103), entry: ledger))
        // Observed after the agreement's reading, the reopen is a change.
        let later = arbiter.decide(change: Self.guance(10, 105, changed: 105, seen: 109), target: Self.jira("done", "3", 107), entry: ledger)
        #expect(later.categoryToWrite == .open, "\(later)")
    }

    @Test("of two readings of one Guance version, the later observed is the newest seen")
    func newestOfOneVersion() {
        let first = Self.agreement("jira-writer", guance: Self.guance(20, 105, changed: 105, seen: 103), jira: Self.jira("done", "3", 107))
        let second = Self.agreement(
            "guance-writer", guance: Self.guance(20, 90), jira: Self.jira("done", "3", 107), observed: Self.guance(10, 105, changed: 105, seen: 101))
        #expect(Self.entry(first, second).newestGuanceSeen?.value == "20")
        #expect(Self.entry(second, first).newestGuanceSeen?.value == "20")
    }

    @Test("a Guance description edit after a Jira resolve is not a Guance status change: Guance is resolved")
    func descriptionEditIsNotAStatusChange() {
        let ledger = Self.entry(
            Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0), observed: Self.guance(10, 113)))
        // Jira resolved at 100; the description edit at 113 was delivered (status unchanged).
        let verdict = arbiter.decide(change: Self.jira("done", "3", 100), target: Self.guance(10, 113), entry: ledger)
        #expect(verdict.categoryToWrite == .done, "\(verdict)")
        // And jira-writer, handling the edit's snapshot, leaves Jira's change alone.
        let snapshot = arbiter.decide(change: Self.guance(10, 113), target: Self.jira("done", "3", 100), entry: ledger)
        #expect(snapshot.action == .stale || snapshot.action == .unchanged, "\(snapshot)")
    }

    @Test("a Guance version guance-poller has not delivered yet makes guance-writer wait, then decide on values")
    func waitsForTheObservation() {
        let ledger = Self.entry(Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0)))
        let early = arbiter.decide(change: Self.jira("done", "3", 100), target: Self.guance(10, 113), entry: ledger)
        #expect(early.action == .awaitObservation(Self.at(113)), "\(early)")
        let late = arbiter.decide(
            change: Self.jira("done", "3", 100), target: Self.guance(10, 113), entry: ledger, targetSettled: true)
        #expect(late.categoryToWrite == .done, "\(late)")
    }

    @Test("a Guance flip guance-poller delivered (open → resolved → open) after a Jira resolve: the later change wins")
    func observedGuanceFlip() {
        // Jira resolved at 100; Guance resolved at 102 and reopened at 104, both seen by guance-poller;
        // jira-writer handled them without an agreement (Jira had changed too): observed 10 changed at 104.
        let ledger = Self.entry(
            Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0), observed: Self.guance(10, 104, changed: 104)))
        let verdict = arbiter.decide(change: Self.jira("done", "3", 100), target: Self.guance(10, 104), entry: ledger)
        #expect(verdict.action == .keep, "\(verdict)")
    }

    @Test("the echo of the sync's own transition is stale, without reading Guance")
    func echoIsStale() {
        let ledger = Self.entry(
            Self.agreement("jira-writer", guance: Self.guance(20, 50, changed: 50), jira: Self.jira("done", "3", 51), decided: 50))
        #expect(StatusArbiter.isStale(Self.jira("done", "3", 51), entry: ledger))
        #expect(!StatusArbiter.isStale(Self.jira("new", "1", 60), entry: ledger))
        // The echo of guance-writer's write seen by guance-poller.
        let written = Self.entry(
            Self.agreement("guance-writer", guance: Self.guance(20, 70), jira: Self.jira("done", "3", 69), decided: 69))
        #expect(StatusArbiter.isStale(Self.guance(20, 70, changed: 70), entry: written))
        // A same-second change to another status is not.
        #expect(!StatusArbiter.isStale(Self.guance(10, 70, changed: 70), entry: written))
    }

    @Test("the echo of an earlier sync write overtaken within the same second is stale (Guance versions are whole seconds)")
    func sameSecondEchoIsStale() {
        // guance-writer wrote 20 at 59 (a Jira resolve), then 10 at 59 (a Jira reopen, same second).
        var second = Self.agreement("guance-writer", guance: Self.guance(10, 59), jira: Self.jira("new", "1", 58.6), decided: 58.6)
        second.wrote = .guance
        let first = Self.agreement("guance-writer", guance: Self.guance(20, 59), jira: Self.jira("done", "3", 58.2), decided: 58.2)
        var withFirst = first
        withFirst.wrote = .guance
        second.earlierWrites = withFirst.writesBeforeNext
        let ledger = Self.entry(
            Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0)), second)
        // guance-poller delivers the first write's reading late: it is the sync's own, not a person's.
        let echo = arbiter.decide(change: Self.guance(20, 59, changed: 59), target: Self.jira("new", "1", 58.6), entry: ledger)
        #expect(echo.action == .stale, "\(echo)")
        #expect(StatusArbiter.isStale(Self.guance(20, 59), entry: ledger))
        // Without the earlier write on record, the same reading would bounce Jira.
        second.earlierWrites = nil
        let forgetful = Self.entry(Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0)), second)
        let bounce = arbiter.decide(change: Self.guance(20, 59, changed: 59), target: Self.jira("new", "1", 58.6), entry: forgetful)
        #expect(bounce.action != .stale, "\(bounce)")
        // A person's later change to the same value is not taken for the echo.
        let person = arbiter.decide(change: Self.guance(20, 75, changed: 75), target: Self.jira("new", "1", 58.6), entry: ledger)
        #expect(person.categoryToWrite == .done, "\(person)")
    }

    @Test("Jira In Progress while Guance resolved, with Jira done agreed: Guance's resolve is older, Jira moved: Jira stands")
    func jiraInProgressAfterAgreedDone() {
        let ledger = Self.entry(
            Self.agreement("guance-writer", guance: Self.guance(20, 40), jira: Self.jira("done", "3", 39), decided: 39))
        let verdict = arbiter.decide(change: Self.guance(20, 40), target: Self.jira("indeterminate", "4", 80), entry: ledger)
        #expect(verdict.action == .stale, "\(verdict)")
        let fromJira = arbiter.decide(change: Self.jira("indeterminate", "4", 80), target: Self.guance(20, 40), entry: ledger)
        #expect(fromJira.categoryToWrite == .open, "\(fromJira)")
    }

    @Test("a Jira flip that came back (statuscategorychangedate moved) counts as a change of Jira")
    func jiraFlipCountsAsAChange() {
        let ledger = Self.entry(Self.agreement("jira-writer", guance: Self.guance(10, 10), jira: Self.jira("new", "1", 10)))
        // Guance resolved at 20 (delivered); Jira resolved at 21 and reopened at 22 between two polls.
        let verdict = arbiter.decide(change: Self.guance(20, 20, changed: 20), target: Self.jira("new", "1", 22), entry: ledger)
        #expect(verdict.action == .keep, "\(verdict)")
        // jira-writer recorded the snapshot it handled; guance-writer then carries Jira's later change.
        let observed = Self.entry(Self.agreement(
            "jira-writer", guance: Self.guance(10, 10), jira: Self.jira("new", "1", 10), observed: Self.guance(20, 20, changed: 20)))
        let back = arbiter.decide(change: Self.jira("new", "1", 22), target: Self.guance(20, 20), entry: observed)
        #expect(back.categoryToWrite == .open, "\(back)")
    }

    @Test("a move within the done category (Jira Done → Closed) is a change, timed by updated")
    func closeAfterResolve() {
        let ledger = Self.entry(
            Self.agreement("jira-writer", guance: Self.guance(20, 10, changed: 10), jira: Self.jira("done", "3", 10), decided: 10))
        // Guance reopened at 30 (delivered); Jira closed at 40 (category unchanged since 10).
        let closed = Self.jira("done", "6", 10, updated: 40)
        let verdict = arbiter.decide(change: Self.guance(10, 30, changed: 30), target: closed, entry: ledger)
        #expect(verdict.action == .keep, "\(verdict)")
        let observed = Self.entry(Self.agreement(
            "jira-writer", guance: Self.guance(20, 10, changed: 10), jira: Self.jira("done", "3", 10), decided: 10,
            observed: Self.guance(10, 30, changed: 30)))
        let back = arbiter.decide(change: closed, target: Self.guance(10, 30), entry: observed)
        #expect(back.categoryToWrite == .done, "\(back)")
    }

    @Test("no agreement on record: equal sides agree, different ones follow the conflict rule")
    func noAgreement() {
        let empty = StatusLedgerEntry.empty
        #expect(arbiter.decide(change: Self.guance(20, 10), target: Self.jira("done", "3", 5), entry: empty).action == .agree)
        #expect(arbiter.decide(change: Self.guance(10, 50), target: Self.jira("done", "3", 5), entry: empty).categoryToWrite == .open)
        #expect(arbiter.decide(change: Self.jira("done", "3", 5), target: Self.guance(10, 50), entry: empty, targetSettled: true).action == .keep)
        #expect(StatusArbiter(conflictRule: .jira).decide(change: Self.guance(10, 50), target: Self.jira("done", "3", 5), entry: empty).action == .keep)
        #expect(StatusArbiter(conflictRule: .guance).decide(change: Self.guance(10, 50), target: Self.jira("done", "3", 500), entry: empty).categoryToWrite == .open)
    }

    @Test("both writers reach the same winner on a tie (Jira wins)")
    func tie() {
        // Guance resolved at 50 (delivered, jira-writer kept Jira); Jira moved to In Progress at 50.
        let ledger = Self.entry(Self.agreement(
            "jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0), observed: Self.guance(20, 50, changed: 50)))
        let inProgress = Self.jira("indeterminate", "4", 50)
        let fromGuance = arbiter.decide(change: Self.guance(20, 50, changed: 50), target: inProgress, entry: StatusLedgerEntry(
            records: [Self.agreement("jira-writer", guance: Self.guance(10, 0), jira: Self.jira("new", "1", 0))], jiraIssueId: "10001"))
        #expect(fromGuance.action == .keep, "\(fromGuance)")
        let fromJira = arbiter.decide(change: inProgress, target: Self.guance(20, 50), entry: ledger)
        #expect(fromJira.categoryToWrite == .open, "\(fromJira)")
    }

    @Test("records of two writers combine per side, newest version first; another Jira twin's records are ignored")
    func ledgerEntry() {
        let older = Self.agreement("jira-writer", guance: Self.guance(10, 5), jira: Self.jira("done", "3", 9))
        let newer = Self.agreement("guance-writer", guance: Self.guance(20, 7), jira: Self.jira("done", "3", 8))
        var other = Self.agreement("jira-writer", guance: Self.guance(10, 99), jira: Self.jira("new", "1", 99))
        other.jiraIssueId = "20002"
        let entry = StatusLedgerEntry(records: [older, newer, other], jiraIssueId: "10001")
        #expect(entry.agreed(.guance)?.value == "20")
        #expect(entry.agreed(.jira)?.version == Self.at(9))
        #expect(entry.records.count == 2)
    }
}
