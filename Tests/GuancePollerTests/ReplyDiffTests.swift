import Foundation
import GuanceAPI
import GuancePoller
import SyncCore
import Testing

@Suite("ReplyDiff")
struct ReplyDiffTests {
    let filter = ReplyFilter(ownKeyIDs: ["wsak_sync"])
    let mapper = GuanceEventMapper(consoleURL: "https://console.guance.com")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func diff(_ previous: [String: SeenReply], _ fresh: [GuanceReply], complete: Bool = true) -> ReplyDiff {
        ReplyDiff(
            previous: previous, fresh: fresh, listIsComplete: complete, issueUUID: "issue_1", filter: filter,
            mapper: mapper, observedAt: now)
    }

    @Test("first read: every mirrored reply is created, in time order whatever the list order")
    func created() throws {
        let replies = [
            try GuanceFixtures.humanReply("repim_b", content: "第二", createAt: 20),
            try GuanceFixtures.humanReply("repim_a", content: "第一", createAt: 10),
            try GuanceFixtures.humanReply("repim_c", content: "change", createAt: 15, extra: ["type": "change"]),
            try GuanceFixtures.humanReply("repim_d", content: "own", createAt: 16, extra: ["creator": "wsak_sync"]),
        ]
        let result = diff([:], replies)
        #expect(result.created.map(\.replyUUID) == ["repim_a", "repim_b"])
        #expect(result.edited.isEmpty && result.deleted.isEmpty)
        #expect(Set(result.nextState.keys) == ["repim_a", "repim_b"])
        #expect(result.events(observedAt: now).map(\.type) == [.guanceReplyCreated, .guanceReplyCreated])
    }

    @Test("replies of the same second come out in creation order (numeric id), not UUID order")
    func sameSecondOrderedByNumericID() throws {
        let replies = [
            try GuanceFixtures.humanReply("repim_a", content: "third", createAt: 10, extra: ["id": 103]),
            try GuanceFixtures.humanReply("repim_z", content: "first", createAt: 10, extra: ["id": 101]),
            try GuanceFixtures.humanReply("repim_m", content: "second", createAt: 10, extra: ["id": 102]),
        ]
        #expect(diff([:], replies).created.map(\.content) == ["first", "second", "third"])
    }

    @Test("re-reading the same replies, re-ordered and across pages with a repeat, changes nothing")
    func unchanged() throws {
        let page1 = [try GuanceFixtures.humanReply("repim_a", content: "一", createAt: 10),
                     try GuanceFixtures.humanReply("repim_b", content: "二", createAt: 20)]
        let first = diff([:], page1)
        let page2 = [try GuanceFixtures.humanReply("repim_b", content: "二", createAt: 20)]
        let again = diff(first.nextState, page2 + page1.reversed())
        #expect(again.isEmpty)
        #expect(again.nextState == first.nextState)
    }

    @Test("a content change is an edit; an updateAt bump alone is not")
    func edited() throws {
        let original = try GuanceFixtures.humanReply("repim_a", content: "旧 😀", createAt: 10)
        let state = diff([:], [original]).nextState
        let bumped = try GuanceFixtures.humanReply("repim_a", content: "旧 😀", createAt: 10, updateAt: 30)
        #expect(diff(state, [bumped]).isEmpty)
        let edited = try GuanceFixtures.humanReply(
            "repim_a", content: "新 😀", createAt: 10, updateAt: 40, extra: ["latest_modify_time": 41, "is_modify": true])
        let result = diff(state, [edited])
        #expect(result.edited.map(\.content) == ["新 😀"])
        #expect(result.edited.first?.updatedAt == Date(timeIntervalSince1970: 41))
        #expect(result.created.isEmpty && result.deleted.isEmpty)
        #expect(diff(result.nextState, [edited]).isEmpty)
    }

    @Test("deleted: marked deleteAt, or missing from a complete list; never inferred from a partial list")
    func deleted() throws {
        let a = try GuanceFixtures.humanReply("repim_a", content: "a", createAt: 10)
        let b = try GuanceFixtures.humanReply("repim_b", content: "b", createAt: 20)
        let state = diff([:], [a, b]).nextState

        let marked = try GuanceFixtures.humanReply("repim_a", content: "a", createAt: 10, deleteAt: 50)
        let result = diff(state, [marked, b])
        #expect(result.deleted == [GuanceReplyDeletion(
            issueUUID: "issue_1", replyUUID: "repim_a", deletedAt: Date(timeIntervalSince1970: 50))])
        #expect(Set(result.nextState.keys) == ["repim_b"])
        #expect(diff(result.nextState, [marked, b]).isEmpty, "a deletion is reported once")

        let missing = diff(state, [b])
        #expect(missing.deleted.map(\.replyUUID) == ["repim_a"])
        #expect(missing.deleted.first?.deletedAt == now)

        let partial = diff(state, [b], complete: false)
        #expect(partial.isEmpty)
        #expect(partial.nextState == state)
    }

    @Test("a deleted record repeated next to its live copy on another page counts as deleted")
    func deletedWinsOverStaleCopy() throws {
        let a = try GuanceFixtures.humanReply("repim_a", content: "a", createAt: 10)
        let state = diff([:], [a]).nextState
        let gone = try GuanceFixtures.humanReply("repim_a", content: "a", createAt: 10, deleteAt: 60)
        #expect(diff(state, [gone, a]).deleted.map(\.replyUUID) == ["repim_a"])
        #expect(diff(state, [a, gone]).deleted.map(\.replyUUID) == ["repim_a"])
    }

    @Test("a reply deleted before it was ever seen emits nothing")
    func deletedUnseen() throws {
        let gone = try GuanceFixtures.humanReply("repim_a", content: "a", createAt: 10, deleteAt: 60)
        #expect(diff([:], [gone]).isEmpty)
    }
}
