import Foundation
import JiraSimulator
import Testing

@Suite("Create metadata and zh-CN localized names")
struct LocalizationAndMetadataTests {
    @Test("createmeta: Cloud issueTypes/fields vs DC values+isLast; maxResults > 200 is refused", arguments: JiraSimulatorOptions.Flavour.allCases)
    func createMeta(flavour: JiraSimulatorOptions.Flavour) async throws {
        try await SimulatorHarness.with(.test(flavour)) { sim in
            let types = try await sim.send(.GET, "\(sim.api)/issue/createmeta/OPS/issuetypes")
            let listKey = flavour == .cloud ? "issueTypes" : "values"
            #expect(types.json?[listKey]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["10004", "10001"])
            #expect((types.json?["isLast"] != nil) == (flavour == .dataCenter))
            let fields = try await sim.send(.GET, "\(sim.api)/issue/createmeta/OPS/issuetypes/10004")
            let priority = try #require(fields.json?[flavour == .cloud ? "fields" : "values"]?.arrayValue?.first { $0["fieldId"] == "priority" })
            #expect(priority["allowedValues"]?.arrayValue?.count == 4)
            #expect(try await sim.send(.GET, "\(sim.api)/issue/createmeta/OPS/issuetypes?maxResults=201").status == 400)
            #expect(try await sim.send(.GET, "/rest/api/2/priority").json?.arrayValue?.count == 4)
            #expect(try await sim.send(.GET, "/rest/api/2/resolution").json?.arrayValue?.isEmpty == false)
            let search = try await sim.send(.GET, "\(sim.api)/resolution/search")
            #expect(search.status == (flavour == .cloud ? 200 : 404))
        }
    }

    @Test("a zh-CN user sees localized names with unchanged ids and keys, and localized errors")
    func chinese() async throws {
        let users = [
            JiraSimulatorUser(
                accountId: "acc-zh", name: "zhang", displayName: "张三", emailAddress: "zh@x.test", token: "zh",
                timeZone: "Asia/Shanghai", locale: "zh_CN", isAdmin: true)
        ]
        try await SimulatorHarness.with(.test(.cloud, users: users)) { sim in
            let key = try await sim.createIssue(summary: "本地化")
            try sim.simulator.transition(as: "zhang", issue: key, toCategory: "done")
            let issue = try await sim.send(.GET, "/rest/api/3/issue/\(key)?fields=issuetype,status,priority,resolution")
            let fields = try #require(issue.json?["fields"])
            #expect(fields["issuetype"]?["name"]?.stringValue == "缺陷")
            #expect(fields["issuetype"]?["id"]?.stringValue == "10004")
            #expect(fields["status"]?["name"]?.stringValue == "完成")
            #expect(fields["status"]?["statusCategory"]?["key"]?.stringValue == "done")
            #expect(fields["status"]?["statusCategory"]?["name"]?.stringValue == "完成")
            #expect(fields["priority"]?["name"]?.stringValue == "中")
            let priorities = try await sim.send(.GET, "/rest/api/2/priority")
            #expect(priorities.json?.arrayValue?.first?["name"]?.stringValue == "最高")
            let refused = try await sim.send(
                .POST, "/rest/api/3/issue",
                body: ["fields": ["project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": "s", "labels": ["a b"]]])
            #expect(refused.status == 400)
            #expect(refused.json?["errors"]?["labels"]?.stringValue?.contains("标签") == true)
            let found = try await sim.send(.POST, "/rest/api/3/search/jql", body: ["jql": "statusCategory = 完成", "fields": ["key"]])
            #expect(found.json?["issues"]?.arrayValue?.first?["key"]?.stringValue == key)
        }
    }
}
