import Foundation
import JiraAPI
import JiraSimulator
import RichText
import Testing

/// The client against the Jira simulator over real HTTP, for both flavours.
@Suite("End to end against the Jira simulator")
struct JiraSimulatorEndToEndTests {
    private static func body(_ flavor: JiraFlavor, _ text: String) -> JiraRichText {
        flavor == .cloud
            ? .adf(.document([ADFNode(type: "paragraph", content: [ADFNode(type: "text", text: text)])]))
            : .wiki(text)
    }

    /// Issue type and priority ids discovered through create metadata (never by name).
    private static func bugTypeAndPriority(_ client: JiraClient) async throws -> (type: String, priority: String?) {
        let types = try await client.issueTypes(project: "OPS")
        let type = try #require(types.first { !$0.subtask })
        let priorities = try await client.priorities(project: "OPS", issueTypeId: type.id)
        return (type.id, priorities.first?.id)
    }

    @Test("Create with labels and properties, then read it back and find it by label", arguments: JiraFlavor.allCases)
    func createAndRead(flavor: JiraFlavor) async throws {
        try await SimulatorHarness.withSimulator(flavor) { _, client in
            #expect(try await client.flavor() == flavor)
            let (typeId, priorityId) = try await Self.bugTypeAndPriority(client)
            let created = try await client.createIssue(JiraIssueDraft(
                project: "OPS", issueTypeId: typeId, summary: "[Guance] CPU > 90% 🔥", description: Self.body(flavor, "Detected by m-42"),
                priorityId: priorityId, labels: ["guance", "guance-issue-7f3a9c"],
                properties: ["guance.sync": .object(["issueUuid": .string("issue_7f3a9c")])]))
            let issue = try await client.issue(created.key, properties: ["guance.sync"])
            #expect(issue.fields.labels?.sorted() == ["guance", "guance-issue-7f3a9c"])
            #expect(issue.fields.summary == "[Guance] CPU > 90% 🔥")
            #expect(issue.fields.issueType?.id == typeId)
            #expect(issue.properties["guance.sync"]?["issueUuid"] == .string("issue_7f3a9c"))
            #expect(try await client.issueProperty(issue: created.key, key: "guance.sync")?["issueUuid"] == .string("issue_7f3a9c"))
            #expect(issue.fields.description?.nativeFlavor == flavor)
            let found = try client.search(JiraSearchQuery(
                jql: #"project = OPS AND labels = "guance-issue-7f3a9c""#, reconcileIssueIds: flavor == .cloud ? [Int(created.id)!] : []))
            #expect(try await found.collect().map(\.key) == [created.key])
            try await client.updateIssue(created.key, JiraIssueEdit(summary: "renamed", addLabels: ["extra"], removeLabels: ["guance"]))
            let edited = try await client.issue(created.key)
            #expect(edited.fields.summary == "renamed")
            #expect(edited.fields.labels?.sorted() == ["extra", "guance-issue-7f3a9c"])
        }
    }

    @Test("Search pages across many pages without loss or duplicates", arguments: JiraFlavor.allCases)
    func searchPaging(flavor: JiraFlavor) async throws {
        try await SimulatorHarness.withSimulator(flavor, configure: { $0.maxSearchPageSize = 7 }) { simulator, client in
            var keys: [String] = []
            for index in 0..<53 {
                keys.append(try simulator.createIssue(as: "alice", project: "OPS", summary: "bulk \(index)", labels: ["bulk"]))
            }
            let query = JiraSearchQuery(jql: "project = OPS AND labels = bulk ORDER BY key ASC", pageSize: 20)
            let found = try await client.search(query).collect().map(\.key)
            #expect(found.count == 53)
            #expect(Set(found) == Set(keys))
        }
    }

    @Test("Cloud search lag: a fresh issue is invisible to search until reconciled by id")
    func reconcileUnderLag() async throws {
        try await SimulatorHarness.withSimulator(.cloud, configure: { $0.searchIndexLag = .seconds(3600) }) { _, client in
            let (typeId, _) = try await Self.bugTypeAndPriority(client)
            let created = try await client.createIssue(JiraIssueDraft(project: "OPS", issueTypeId: typeId, summary: "lagging", labels: ["lag-1"]))
            let jql = #"project = OPS AND labels = "lag-1""#
            #expect(try await client.search(JiraSearchQuery(jql: jql)).collect().isEmpty)
            let reconciled = try await client.search(JiraSearchQuery(jql: jql, reconcileIssueIds: [Int(created.id)!])).collect()
            #expect(reconciled.map(\.key) == [created.key])
            // GET issue is strongly consistent regardless of the index.
            #expect(try await client.issue(created.key).fields.labels == ["lag-1"])
        }
    }

    @Test("Comments: add with properties, page, tell ours from a human's, update, delete", arguments: JiraFlavor.allCases)
    func comments(flavor: JiraFlavor) async throws {
        try await SimulatorHarness.withSimulator(flavor) { simulator, client in
            let key = try simulator.createIssue(as: "alice", project: "OPS", summary: "with comments")
            let ours = try await client.addComment(
                issue: key, body: Self.body(flavor, "来自观测云的回复"), properties: ["guance.sync": .object(["origin": .string("guance")])])
            _ = try simulator.addComment(as: "alice", issue: key, text: "human reply")
            let me = try await client.myself()
            let listed = try await client.comments(issue: key, pageSize: 1).collect()
            #expect(listed.count == 2)
            let mine = try #require(listed.first { $0.id == ours.id })
            #expect(mine.properties["guance.sync"]?["origin"] == .string("guance"))
            #expect(mine.author?.stableIdentifier == me.stableIdentifier)
            let human = try #require(listed.first { $0.id != ours.id })
            #expect(human.properties.isEmpty)
            #expect(human.author?.stableIdentifier != me.stableIdentifier)

            try await client.setCommentProperty(commentId: human.id, key: "guance.sync", value: .object(["seen": .bool(true)]))
            #expect(try await client.commentProperty(commentId: human.id, key: "guance.sync")?["seen"] == .bool(true))
            let updated = try await client.updateComment(issue: key, commentId: ours.id, body: Self.body(flavor, "edited"))
            #expect(updated.id == ours.id)
            try await client.deleteComment(issue: key, commentId: ours.id)
            #expect(try await client.comments(issue: key).collect().map(\.id) == [human.id])
        }
    }

    @Test("Transition to done fills the required resolution; transitions back to To Do", arguments: JiraFlavor.allCases)
    func transitionToDone(flavor: JiraFlavor) async throws {
        try await SimulatorHarness.withSimulator(flavor) { simulator, client in
            let key = try simulator.createIssue(as: "alice", project: "OPS", summary: "to close")
            let performed = try await client.transition(issue: key, toStatusCategory: JiraStatusCategory.doneKey)
            #expect(performed != nil)
            let done = try await client.issue(key)
            #expect(done.fields.status?.category?.key == "done")
            #expect(done.fields.resolution != nil)
            #expect(try await client.transition(issue: key, toStatusCategory: "done") == nil)
            try await client.transition(issue: key, toStatusCategory: JiraStatusCategory.newKey)
            #expect(try await client.issue(key).fields.status?.category?.key == "new")
        }
    }

    @Test("Remote link upsert by globalId answers 201, then 200; delete by globalId", arguments: JiraFlavor.allCases)
    func remoteLink(flavor: JiraFlavor) async throws {
        try await SimulatorHarness.withSimulator(flavor) { simulator, client in
            let key = try simulator.createIssue(as: "alice", project: "OPS", summary: "linked")
            var link = JiraRemoteLink(
                globalId: "system=guance&ws=wksp_1&issue=issue_1", url: "https://console.guance.com/issue_1", title: "Guance issue 1",
                applicationType: "com.guance.cloud", applicationName: "Guance Cloud", relationship: "tracked in")
            let first = try await client.upsertRemoteLink(issue: key, link)
            link.title = "Guance issue 1 (renamed)"
            let second = try await client.upsertRemoteLink(issue: key, link)
            #expect(first.created)
            #expect(!second.created)
            #expect(first.id == second.id)
            try await client.deleteRemoteLink(issue: key, globalId: link.globalId)
            let third = try await client.upsertRemoteLink(issue: key, link)
            #expect(third.created, "after the delete the globalId is new again")
            try await client.deleteRemoteLink(issue: key, globalId: link.globalId)
            try await client.deleteRemoteLink(issue: key, globalId: link.globalId)
        }
    }

    @Test("A zh-CN sync account sees localized names; ids still map issue types, priorities and categories", arguments: JiraFlavor.allCases)
    func localizedNames(flavor: JiraFlavor) async throws {
        let configure: (inout JiraSimulatorOptions) -> Void = { options in
            options.users[0].locale = "zh_CN"
            options.users[0].timeZone = "Asia/Shanghai"
        }
        try await SimulatorHarness.withSimulator(flavor, configure: configure) { _, client in
            let types = try await client.issueTypes(project: "OPS")
            #expect(types.contains { $0.id == "10004" && $0.name == "缺陷" })
            let priorities = try await client.priorities(project: "OPS", issueTypeId: "10004")
            #expect(priorities.contains { $0.id == "1" && $0.name == "最高" })
            let created = try await client.createIssue(JiraIssueDraft(project: "OPS", issueTypeId: "10004", summary: "本地化", priorityId: "1"))
            try await client.transition(issue: created.key, toStatusCategory: "done")
            let issue = try await client.issue(created.key)
            #expect(issue.fields.priority?.id == "1")
            #expect(issue.fields.status?.category?.key == "done")
            #expect(issue.fields.status?.name == "完成")
            let resolutions = try await client.resolutions()
            #expect(resolutions.contains { $0.id == "10000" })
        }
    }
}
