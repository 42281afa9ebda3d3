import Foundation
import GuanceAPI
import GuanceWriter
import SyncCore
import Testing

@Suite("StatusMapper")
struct StatusMapperTests {
    typealias Fixtures = GuanceWriterFixtures

    func change(_ category: String, at seconds: TimeInterval? = 100) -> JiraStatusChange {
        JiraStatusChange(
            issue: JiraIssueRef(id: "42", key: "OPS-24"), statusId: "3", statusName: "已完成", categoryKey: category,
            changedAt: seconds.map(Fixtures.date)
        )
    }

    @Test("category → wanted statusType, per policy and legacy fallback", arguments: [
        ("done", 20, false, 20), ("done", 25, false, 25), ("done", 25, true, 20), ("done", 20, true, 20),
        ("new", 20, false, 10), ("indeterminate", 25, false, 10), ("indeterminate", 25, true, 10),
    ])
    func wanted(category: String, done: Int, legacy: Bool, expected: Int) {
        let mapper = StatusMapper(policies: Fixtures.policies(done: done), usesLegacyStatusTypes: legacy)
        #expect(mapper.wantedStatusType(forCategory: category) == GuanceStatusType(rawValue: expected))
    }

    @Test("an unknown category never writes")
    func unknownCategory() {
        let mapper = StatusMapper(policies: Fixtures.policies())
        #expect(mapper.wantedStatusType(forCategory: "undefined") == nil)
        let decision = mapper.decide(change("undefined"), current: .open, guanceChangedAt: nil, lastSyncedAt: nil)
        #expect(decision.action == .noWrite)
    }

    @Test("equivalence table: 20/25 are done, 10/15/30 are open, unknown values are never equivalent", arguments: [
        (20, 20, true), (25, 20, true), (20, 25, true), (10, 20, false), (15, 20, false), (30, 25, false),
        (10, 10, true), (15, 10, true), (30, 10, true), (20, 10, false), (25, 10, false), (99, 10, false), (99, 20, false),
    ])
    func equivalence(current: Int, wanted: Int, expected: Bool) {
        #expect(StatusMapper.isEquivalent(GuanceStatusType(rawValue: current), to: GuanceStatusType(rawValue: wanted)) == expected)
    }

    @Test("read-before-write: no write when Guance is already equivalent (Working stays Working)")
    func noOp() {
        let mapper = StatusMapper(policies: Fixtures.policies(done: 25))
        #expect(mapper.decide(change("done"), current: .resolved, guanceChangedAt: nil, lastSyncedAt: nil).action == .noWrite)
        #expect(mapper.decide(change("new"), current: .working, guanceChangedAt: nil, lastSyncedAt: nil).action == .noWrite)
        #expect(mapper.decide(change("new"), current: .pending, guanceChangedAt: nil, lastSyncedAt: nil).action == .noWrite)
    }

    @Test("a plain change writes: done → policy value, reopened → Open")
    func plainWrites() {
        let mapper = StatusMapper(policies: Fixtures.policies(done: 25))
        let done = mapper.decide(change("done"), current: .open, guanceChangedAt: Fixtures.date(10), lastSyncedAt: Fixtures.date(50))
        #expect(done.action == .write(.closed))
        #expect(done.reason.contains("OPS-24"))
        let reopened = mapper.decide(change("indeterminate"), current: .closed, guanceChangedAt: nil, lastSyncedAt: nil)
        #expect(reopened.statusTypeToWrite == .open)
    }

    @Test("conflict, rule jira: Jira wins even when Guance changed later")
    func conflictJira() {
        let mapper = StatusMapper(policies: Fixtures.policies(conflict: .jira))
        let decision = mapper.decide(change("done", at: 100), current: .open, guanceChangedAt: Fixtures.date(200), lastSyncedAt: Fixtures.date(50))
        #expect(decision.action == .write(.resolved))
        #expect(decision.reason.contains("conflict"))
    }

    @Test("conflict, rule guance: Guance is kept even when Jira changed later")
    func conflictGuance() {
        let mapper = StatusMapper(policies: Fixtures.policies(conflict: .guance))
        let decision = mapper.decide(change("done", at: 300), current: .open, guanceChangedAt: Fixtures.date(200), lastSyncedAt: Fixtures.date(50))
        #expect(decision.action == .noWrite)
        #expect(decision.reason.contains("rule guance"))
    }

    @Test("conflict, rule mostRecent: the later side wins; ties and unknown Jira times keep Guance")
    func conflictMostRecent() {
        let mapper = StatusMapper(policies: Fixtures.policies(conflict: .mostRecent))
        let last = Fixtures.date(50)
        #expect(mapper.decide(change("done", at: 300), current: .open, guanceChangedAt: Fixtures.date(200), lastSyncedAt: last).action == .write(.resolved))
        #expect(mapper.decide(change("done", at: 100), current: .open, guanceChangedAt: Fixtures.date(200), lastSyncedAt: last).action == .noWrite)
        #expect(mapper.decide(change("done", at: 200), current: .open, guanceChangedAt: Fixtures.date(200), lastSyncedAt: last).action == .noWrite)
        #expect(mapper.decide(change("done", at: nil), current: .open, guanceChangedAt: Fixtures.date(200), lastSyncedAt: last).action == .noWrite)
    }

    @Test("no conflict when only one side changed since the last sync, whatever the rule")
    func oneSidedChange() {
        let mapper = StatusMapper(policies: Fixtures.policies(conflict: .guance))
        // Guance changed before the last sync: only Jira changed since.
        #expect(mapper.decide(change("done", at: 300), current: .open, guanceChangedAt: Fixtures.date(10), lastSyncedAt: Fixtures.date(50)).action == .write(.resolved))
        // Never synced: nothing to conflict with.
        #expect(mapper.decide(change("done", at: 300), current: .open, guanceChangedAt: Fixtures.date(400), lastSyncedAt: nil).action == .write(.resolved))
    }
}

@Suite("IssueModificationPlanner")
struct IssueModificationPlannerTests {
    @Test("a status change re-sends extend whole and nothing else")
    func statusOnly() throws {
        let issue = try GuanceWriterFixtures.decode(GuanceIssue.self, [
            "uuid": "issue_1", "name": "磁盘告警", "description": "<p>d</p>", "level": "system_level_2", "statusType": 10,
            "extend": ["manager": ["acnt_bob"], "channels": [], "vendorKey": ["a": 1]],
        ])
        let modification = IssueModificationPlanner.statusChange(of: issue, to: .resolved)
        let json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(modification)) as? [String: Any])
        #expect(Set(json.keys) == ["statusType", "extend"])
        #expect(json["statusType"] as? Int == 20)
        #expect(modification.extend == issue.extend)
        let legacy = IssueModificationPlanner.statusChange(of: issue, to: .resolved, resendingNameLevelAndDescription: true)
        #expect(legacy.name == "磁盘告警")
    }
}
