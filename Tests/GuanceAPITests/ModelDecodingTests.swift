import Foundation
import RichText
import Testing

@testable import GuanceAPI

@Suite("Decoding documented payload shapes")
struct ModelDecodingTests {
    private func decodeContent<T: Decodable & Sendable>(_ type: T.Type, _ envelope: String) throws -> T {
        try GuanceClient.content(type)(Fixtures.data(envelope))
    }

    @Test("new-style issue: string level, integer seconds, -1 as never, full extend")
    func newStyleIssue() throws {
        let issue = try JSONDecoder().decode(GuanceIssue.self, from: Fixtures.data(Fixtures.issueNewStyle))
        #expect(issue.uuid == "issue_7b1f0001")
        #expect(issue.numericID == 108010)
        #expect(issue.level.raw == .uuid("system_level_2"))
        #expect(issue.level.systemIndex == 2)
        #expect(issue.statusType == .working)
        #expect(issue.createdAt == Date(timeIntervalSince1970: 1_690_424_627))
        #expect(issue.updatedAt == nil)
        #expect(issue.isDeleted == false)
        #expect(issue.descriptionHTML.contains("data-at-embedded"))
        #expect(issue.extend.text == "db down @Ann")
        #expect(issue.extend.manager == ["acnt_1", "group_2", "ops@example.com"])
        #expect(issue.extend.channels == [GuanceMention.channel("chan_9")])
        #expect(issue.extend.members.map(\.uuid) == ["acnt_1"])
        #expect(issue.extend.linkList == [GuanceLink(name: "runbook", link: "https://example.com/rb")])
        #expect(Set(issue.extend.unknownFields.keys) == ["futureKey"])
        #expect(issue.isUpdatedByAPIKey)
        #expect(issue.creatorInfo?.name == "Jira System")
        #expect(issue.details == nil)
    }

    @Test("old-style issue: integer level, float and null timestamps, numeric strings, unknown fields")
    func oldStyleIssue() throws {
        let issue = try JSONDecoder().decode(GuanceIssue.self, from: Fixtures.data(Fixtures.issueOldStyle))
        #expect(issue.level.raw == .number(2))
        #expect(issue.level.uuid == "system_level_2")
        #expect(issue.statusType == .pending)
        #expect(issue.numericID == 7)
        let created = try #require(issue.createdAt)
        #expect(abs(created.timeIntervalSince1970 - 1_686_397_319.9216194) < 0.001)
        #expect(issue.updatedAt == nil)
        #expect(issue.extend.fields.isEmpty)
    }

    @Test("unknown statusType values are kept, not rejected")
    func unknownStatusType() throws {
        let issue = try JSONDecoder().decode(
            GuanceIssue.self,
            from: Fixtures.data(#"{"uuid":"issue_x","statusType":40}"#)
        )
        #expect(issue.statusType.rawValue == 40)
        #expect(issue.statusType.isKnown == false)
        #expect(issue.statusType.description == "unknown(40)")
        #expect(GuanceStatusType.closed.legacyFallback == .resolved)
        #expect(GuanceStatusType.working.legacyFallback == .open)
    }

    @Test("millisecond timestamps are recognised")
    func millisecondTimestamp() throws {
        let issue = try JSONDecoder().decode(
            GuanceIssue.self,
            from: Fixtures.data(#"{"uuid":"issue_ms","createAt":1690424627123,"updateAt":"1690424627"}"#)
        )
        #expect(issue.createdAt == Date(timeIntervalSince1970: 1_690_424_627.123))
        #expect(issue.updatedAt == Date(timeIntervalSince1970: 1_690_424_627))
    }

    @Test("issue get: get-only details")
    func issueGet() throws {
        let issue = try decodeContent(GuanceIssue.self, Fixtures.issueGetEnvelope)
        let details = try #require(issue.details)
        #expect(details.attachments.first?.uuid == "att_1")
        #expect(details.bindChannels.first?.name == "default")
        #expect(details.levelInfo?.name == "未知")
        #expect(details.managerInfos.count == 2)
        #expect(details.declaration?["business"] == .string("b"))
    }

    @Test("issue list: content.data + content.pageInfo")
    func issueListShape() throws {
        let envelope = Fixtures.issueListEnvelope(
            items: [Fixtures.issueNewStyle, Fixtures.issueOldStyle], pageIndex: 1, pageSize: 20, totalCount: 2,
            traceId: "TRACE-abc"
        )
        let list = try decodeContent(GuanceListContent<GuanceIssue>.self, envelope)
        #expect(list.items.map(\.uuid) == ["issue_7b1f0001", "issue_old"])
        #expect(list.pageInfo == GuancePageInfo(count: 2, pageIndex: 1, pageSize: 20, totalCount: 2))
        let header = try #require(GuanceAPIError.decodeHeader(Fixtures.data(envelope)))
        #expect(header.traceId == "TRACE-abc")
    }

    @Test("reply list: content array, top-level pageInfo, numeric traceId")
    func replyList() throws {
        let body = Fixtures.data(Fixtures.replyListEnvelope)
        let list = try GuanceClient.content(GuanceListContent<GuanceReply>.self)(body)
        let header = try #require(GuanceAPIError.decodeHeader(body))
        #expect(list.pageInfo == nil)
        #expect(header.pageInfo?.totalCount == 2)
        #expect(header.traceId == "13848669999527981167")
        #expect(list.items.map(\.type) == [.change, .reply])
        let reply = list.items[1]
        #expect(reply.content == "看一下 👀")
        #expect(reply.isModified == true)
        #expect(reply.updatedAt == nil)
        #expect(reply.createdAt == Date(timeIntervalSince1970: 1_690_278_290.5))
        #expect(reply.latestModifiedAt == Date(timeIntervalSince1970: 1_690_278_300))
        #expect(list.items[0].creatorInfo?.email == "a@example.com")
    }

    @Test("reply create: id is null, TRACE- traceId")
    func replyCreate() throws {
        let reply = try decodeContent(GuanceReply.self, Fixtures.replyCreateEnvelope)
        #expect(reply.uuid == "repim_new")
        #expect(reply.numericID == nil)
        #expect(reply.type == .reply)
        #expect(GuanceAPIError.decodeHeader(Fixtures.data(Fixtures.replyCreateEnvelope))?.traceId == "TRACE-AB12")
    }

    @Test("channel quick_list: float updateAt and deleted entries")
    func channels() throws {
        let channels = try decodeContent([GuanceChannel].self, Fixtures.channelListEnvelope)
        #expect(channels.map(\.isDeleted) == [false, false, true])
        #expect(channels[0].isDefault)
        #expect(channels[1].notifyTarget == ["notify_1"])
        let updated = try #require(channels[1].updatedAt)
        #expect(abs(updated.timeIntervalSince1970 - 1_686_397_319.9216194) < 0.001)
    }

    @Test("issue-level list: system and custom levels")
    func levels() throws {
        let levels = try decodeContent([GuanceIssueLevel].self, Fixtures.levelListEnvelope)
        #expect(levels.map(\.uuid).prefix(4) == ["system_level_0", "system_level_1", "system_level_2", "system_level_3"])
        #expect(levels.filter(\.isDefault).count == 4)
        let custom = try #require(levels.last)
        #expect(custom.reference.isCustom)
        #expect(custom.numericID == 12)
        #expect(custom.createdAt == Date(timeIntervalSince1970: 1_690_000_000))
    }

    @Test("extend survives a round trip with unknown keys, and typed edits keep the rest")
    func extendRoundTrip() throws {
        let issue = try JSONDecoder().decode(GuanceIssue.self, from: Fixtures.data(Fixtures.issueNewStyle))
        var modification = GuanceIssueModification(preserving: issue)
        modification.statusType = .resolved
        modification.setAssignees(["acnt_9"])
        let encoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(modification))
        #expect(encoded["statusType"] == .int(20))
        #expect(encoded["name"] == nil)
        #expect(encoded["description"] == nil)
        let extend = try #require(encoded["extend"])
        #expect(extend["manager"] == .array([.string("acnt_9")]))
        #expect(extend["channels"] == issue.extend.fields["channels"])
        #expect(extend["linkList"] == issue.extend.fields["linkList"])
        #expect(extend["members"] == issue.extend.fields["members"])
        #expect(extend["futureKey"] == .object(["a": .array([.int(1), .double(2.5), .null])]))
        #expect(extend["view_isuue_url"] == .string("https://console/x"))
    }

    @Test("level references encode in the form received")
    func levelEncoding() throws {
        let legacy = try JSONEncoder().encode(GuanceLevelReference(.number(1)))
        #expect(String(decoding: legacy, as: UTF8.self) == "1")
        let modern = try JSONEncoder().encode(GuanceLevelReference.system(3))
        #expect(String(decoding: modern, as: UTF8.self) == #""system_level_3""#)
        #expect(GuanceLevelReference.none.isNone)
    }

    @Test("issue list query encodes integer seconds and omits unset fields")
    func listQueryEncoding() throws {
        let query = GuanceIssueListQuery(
            channelUUID: "chan_default",
            startTime: Date(timeIntervalSince1970: 1_700_000_000.7),
            endTime: Date(timeIntervalSince1970: 1_700_000_060.2),
            filters: [.statusType(.pending), .resource("dds", equal: false)],
            pageSize: 50
        )
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(query))
        #expect(json["startTime"] == .int(1_700_000_000))
        #expect(json["endTime"] == .int(1_700_000_061))
        #expect(json["search"] == nil)
        #expect(json["pageIndex"] == .int(1))
        #expect(json["filters"]?.arrayValue?.first == .object(["key": .string("statusType"), "value": .int(30), "equal": .bool(true)]))
        #expect(json["filters"]?.arrayValue?.last?["equal"] == .bool(false))
    }

    @Test("the API key never appears in its descriptions")
    func keyRedaction() {
        let secret = "1TfqACVBz0WKXLajZIlw9475RshmOQ6t"
        let key = GuanceAPIKey(" \(secret)\n")
        #expect(key.headerValue == secret)
        for text in [key.description, key.debugDescription, "\(key)", String(reflecting: key)] {
            #expect(!text.contains(secret))
            #expect(text.contains(key.fingerprint))
        }
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains(secret))
        #expect(GuanceAPIKey(secret).fingerprint != GuanceAPIKey(secret + "x").fingerprint)
    }
}
