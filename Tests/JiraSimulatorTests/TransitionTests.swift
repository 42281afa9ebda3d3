import Foundation
import JiraSimulator
import Testing

@Suite("Transitions per workflow, resolution handling")
struct TransitionTests {
    private func transitions(_ sim: SimulatorHarness, _ key: String) async throws -> [SimJSON] {
        let listed = try await sim.send(.GET, "\(sim.api)/issue/\(key)/transitions?expand=transitions.fields")
        return listed.json?["transitions"]?.arrayValue ?? []
    }

    @Test("screen resolution: required on Done, cleared on reopen; only valid transitions listed", arguments: JiraSimulatorOptions.Flavour.allCases)
    func screenResolution(flavour: JiraSimulatorOptions.Flavour) async throws {
        try await SimulatorHarness.with(.test(flavour)) { sim in
            let key = try await sim.createIssue(summary: "flow", project: "OPS")
            let fromToDo = try await transitions(sim, key)
            #expect(fromToDo.compactMap { $0["id"]?.stringValue } == ["11", "31"])
            let done = try #require(fromToDo.first { $0["to"]?["statusCategory"]?["key"]?.stringValue == "done" })
            #expect(done["fields"]?["resolution"]?["required"] == true)
            let doneId = try #require(done["id"])

            let missing = try await sim.send(.POST, "\(sim.api)/issue/\(key)/transitions", body: ["transition": ["id": doneId]])
            #expect(missing.status == 400)
            #expect(missing.json?["errors"]?["resolution"] != nil)
            let offScreen = try await sim.send(
                .POST, "\(sim.api)/issue/\(key)/transitions",
                body: ["transition": ["id": doneId], "fields": ["resolution": ["name": "Done"], "priority": ["id": "1"]]])
            #expect(offScreen.status == 400)
            #expect(offScreen.json?["errors"]?["priority"] != nil)
            let ok = try await sim.send(
                .POST, "\(sim.api)/issue/\(key)/transitions", body: ["transition": ["id": doneId], "fields": ["resolution": ["name": "Done"]]])
            #expect(ok.status == 204)
            let closed = try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=status,resolution,resolutiondate")
            #expect(closed.json?["fields"]?["status"]?["statusCategory"]?["key"]?.stringValue == "done")
            #expect(closed.json?["fields"]?["resolution"]?["name"]?.stringValue == "Done")
            #expect(closed.json?["fields"]?["resolutiondate"]?.stringValue != nil)

            let reopen = try #require(try await transitions(sim, key).first { $0["to"]?["statusCategory"]?["key"]?.stringValue == "new" })
            #expect(try await sim.send(.POST, "\(sim.api)/issue/\(key)/transitions", body: ["transition": ["id": reopen["id"] ?? nil]]).status == 204)
            let reopened = try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=resolution")
            #expect(reopened.json?["fields"]?["resolution"] == .null)
            #expect(try await sim.send(.POST, "\(sim.api)/issue/\(key)/transitions", body: ["transition": ["id": "999"]]).status == 400)
        }
    }

    @Test("expand=changelog embeds the status changes, oldest first, with their ids and times", arguments: JiraSimulatorOptions.Flavour.allCases)
    func changelog(flavour: JiraSimulatorOptions.Flavour) async throws {
        try await SimulatorHarness.with(.test(flavour)) { sim in
            let key = try await sim.createIssue(summary: "history", project: "SUP")
            let fresh = try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=status&expand=changelog")
            #expect(fresh.json?["changelog"]?["histories"] == [])
            #expect(try await sim.send(.POST, "\(sim.api)/issue/\(key)/transitions", body: ["transition": ["id": "111"]]).status == 204)
            let moved = try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=status&expand=changelog")
            let history = moved.json?["changelog"]?["histories"]?.arrayValue?.first
            let item = history?["items"]?.arrayValue?.first
            #expect(item?["field"]?.stringValue == "status")
            #expect(item?["to"]?.stringValue == moved.json?["fields"]?["status"]?["id"]?.stringValue)
            #expect(item?["from"]?.stringValue != item?["to"]?.stringValue)
            #expect(history?["created"]?.stringValue != nil)
            #expect(try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=status").json?["changelog"] == nil)
        }
    }

    @Test("another project has other transition ids and sets the resolution by post-function")
    func postFunctionResolution() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let key = try await sim.createIssue(summary: "sup", project: "SUP")
            let listed = try await transitions(sim, key)
            let done = try #require(listed.first { $0["to"]?["statusCategory"]?["key"]?.stringValue == "done" })
            #expect(done["id"]?.stringValue == "111")
            #expect(done["fields"] == [:])
            let refused = try await sim.send(
                .POST, "/rest/api/3/issue/\(key)/transitions", body: ["transition": ["id": "111"], "fields": ["resolution": ["name": "Done"]]])
            #expect(refused.status == 400)
            #expect(try await sim.send(.POST, "/rest/api/3/issue/\(key)/transitions", body: ["transition": ["id": "111"]]).status == 204)
            let closed = try await sim.send(.GET, "/rest/api/3/issue/\(key)?fields=resolution")
            #expect(closed.json?["fields"]?["resolution"]?["id"]?.stringValue == "10000")
        }
    }
}
