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

    @Test(
        "GET /project and /issuetype: arrays shaped like Project and IssueTypeDetails, v2 and v3 on Cloud, v2 only on DC",
        arguments: JiraSimulatorOptions.Flavour.allCases)
    func projectAndIssueTypeLists(flavour: JiraSimulatorOptions.Flavour) async throws {
        try await SimulatorHarness.with(.test(flavour)) { sim in
            let versions = flavour == .cloud ? ["2", "3"] : ["2"]
            for version in versions {
                let projects = try await sim.send(.GET, "/rest/api/\(version)/project")
                #expect(projects.status == 200)
                let list = try #require(projects.json?.arrayValue, "v\(version) /project is not an array")
                #expect(list.compactMap { $0["key"]?.stringValue } == ["OPS", "SUP"])
                #expect(list.compactMap { $0["id"]?.stringValue } == ["10000", "10001"])
                #expect(list.allSatisfy { $0["self"]?.stringValue?.contains("/rest/api/\(version)/project/") == true })
                #expect(list.allSatisfy { $0["avatarUrls"]?["48x48"]?.stringValue != nil && $0["issueTypes"] == nil })
                #expect(list.first?["style"]?.stringValue == (flavour == .cloud ? "classic" : nil))
                let expanded = try await sim.send(.GET, "/rest/api/\(version)/project?expand=issueTypes")
                #expect(expanded.json?.arrayValue?.first?["issueTypes"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["10004", "10001"])

                let types = try await sim.send(.GET, "/rest/api/\(version)/issuetype")
                #expect(types.status == 200)
                let typeList = try #require(types.json?.arrayValue, "v\(version) /issuetype is not an array")
                #expect(typeList.compactMap { $0["id"]?.stringValue } == ["10004", "10001"], "each type once across projects")
                #expect(typeList.compactMap { $0["name"]?.stringValue } == ["Bug", "Task"])
                #expect(typeList.allSatisfy {
                    $0["subtask"] == false && $0["iconUrl"]?.stringValue != nil
                        && $0["self"]?.stringValue?.hasSuffix("/rest/api/\(version)/issuetype/\($0["id"]?.stringValue ?? "")") == true
                })
                #expect((typeList.first?["hierarchyLevel"] != nil) == (flavour == .cloud))
            }
            if flavour == .dataCenter {
                #expect(try await sim.send(.GET, "/rest/api/3/project").status == 404)
                #expect(try await sim.send(.GET, "/rest/api/3/issuetype").status == 404)
            }
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
