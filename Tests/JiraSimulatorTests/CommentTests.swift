import Foundation
import JiraSimulator
import Testing

@Suite("Comments: list, add, update, delete, properties, comment/list")
struct CommentTests {
    @Test("add with properties, list with paging/order/expand, comment bumps issue updated", arguments: JiraSimulatorOptions.Flavour.allCases)
    func addAndList(flavour: JiraSimulatorOptions.Flavour) async throws {
        try await SimulatorHarness.with(.test(flavour)) { sim in
            sim.simulator.setClock(to: Date(timeIntervalSince1970: 1_750_000_000), frozen: true)
            let key = try await sim.createIssue(summary: "talk")
            let before = try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=updated")
            sim.simulator.advanceClock(by: .seconds(60))
            let added = try await sim.send(
                .POST, "\(sim.api)/issue/\(key)/comment",
                body: ["body": sim.body("first"), "properties": [["key": "guance.sync", "value": ["origin": "guance"]]]])
            #expect(added.status == 201)
            let firstId = try #require(added.json?["id"]?.stringValue)
            let after = try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=updated")
            #expect(before.json?["fields"]?["updated"] != after.json?["fields"]?["updated"])
            sim.simulator.advanceClock(by: .seconds(60))
            _ = try sim.simulator.addComment(as: "alice", issue: key, text: "second")

            let listed = try await sim.send(.GET, "\(sim.api)/issue/\(key)/comment?orderBy=-created&expand=properties,renderedBody")
            #expect(listed.json?["total"]?.intValue == 2)
            #expect(listed.json?["maxResults"]?.intValue == (flavour == .cloud ? 100 : 50))
            let comments = listed.json?["comments"]?.arrayValue ?? []
            #expect(comments.count == 2)
            #expect(comments.last?["id"]?.stringValue == firstId)
            #expect(comments.last?["properties"]?.arrayValue?.first?["key"]?.stringValue == "guance.sync")
            #expect(comments.first?["renderedBody"]?.stringValue?.contains("second") == true)
            if flavour == .cloud {
                #expect(comments.first?["author"]?["accountId"]?.stringValue == "5b10a2844c20165700ede21g")
                #expect(comments.first?["body"]?["type"]?.stringValue == "doc")
            } else {
                #expect(comments.first?["author"]?["name"]?.stringValue == "alice")
                #expect(comments.first?["body"]?.stringValue == "second")
            }
            let paged = try await sim.send(.GET, "\(sim.api)/issue/\(key)/comment?startAt=1&maxResults=1")
            #expect(paged.json?["comments"]?.arrayValue?.count == 1)
            #expect(paged.json?["comments"]?.arrayValue?.first?["id"]?.stringValue != firstId)

            let property = try await sim.send(.GET, "\(sim.api)/comment/\(firstId)/properties/guance.sync")
            #expect(property.json?["value"]?["origin"]?.stringValue == "guance")
            #expect(try await sim.send(.PUT, "\(sim.api)/comment/\(firstId)/properties/other", body: ["x": 1]).status == 201)
        }
    }

    @Test("only the author or an admin edits; updated changes; v3 refuses a string body")
    func updateAndDelete() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            sim.simulator.setClock(to: Date(timeIntervalSince1970: 1_750_000_000), frozen: true)
            let key = try await sim.createIssue(summary: "edit")
            let alice = sim.simulator.options.users[1]
            let admin = sim.simulator.options.users[0]
            let mine = try await sim.send(.POST, "/rest/api/3/issue/\(key)/comment", body: ["body": sim.body("by admin")])
            let mineId = try #require(mine.json?["id"]?.stringValue)
            let refused = try await sim.send(
                .PUT, "/rest/api/3/issue/\(key)/comment/\(mineId)", body: ["body": sim.body("hijack")], as: alice)
            #expect(refused.status == 400)
            sim.simulator.advanceClock(by: .seconds(5))
            let edited = try await sim.send(.PUT, "/rest/api/3/issue/\(key)/comment/\(mineId)", body: ["body": sim.body("edited")], as: admin)
            #expect(edited.status == 200)
            #expect(edited.json?["created"] != edited.json?["updated"])
            #expect(try await sim.send(.POST, "/rest/api/3/issue/\(key)/comment", body: ["body": "plain"]).status == 400)
            #expect(try await sim.send(.POST, "/rest/api/2/issue/\(key)/comment", body: ["body": "plain"]).status == 201)

            let byIds = try await sim.send(.POST, "/rest/api/3/comment/list?expand=properties", body: ["ids": [.int(Int(mineId) ?? 0)]])
            #expect(byIds.json?["values"]?.arrayValue?.count == 1)
            #expect(byIds.json?["isLast"] == true)

            #expect(try await sim.send(.DELETE, "/rest/api/3/issue/\(key)/comment/\(mineId)", as: alice).status == 403)
            #expect(try await sim.send(.DELETE, "/rest/api/3/issue/\(key)/comment/\(mineId)").status == 204)
            #expect(try await sim.send(.GET, "/rest/api/3/issue/\(key)/comment/\(mineId)").status == 404)
        }
    }
}
