import Foundation
import JiraSimulator
import Testing

@Suite("Issue create, get and edit")
struct IssueTests {
    @Test("v3 create with ADF, labels and properties; GET with fields, properties and renderedFields")
    func createAndGetCloud() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let created = try await sim.send(
                .POST, "/rest/api/3/issue",
                body: [
                    "fields": [
                        "project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": "CPU > 90%",
                        "description": SimulatorHarness.adf("Detected by monitor m-42"), "priority": ["id": "2"],
                        "labels": ["guance", "guance-issue-7f3a9c"],
                    ],
                    "properties": [["key": "guance.sync", "value": ["issueUuid": "issue_7f3a9c"]]],
                ])
            #expect(created.status == 201)
            let key = try #require(created.json?["key"]?.stringValue)
            #expect(key == "OPS-1")
            #expect(created.json?["self"]?.stringValue?.hasSuffix("/rest/api/3/issue/\(created.json?["id"]?.stringValue ?? "")") == true)

            let fetched = try await sim.send(
                .GET, "/rest/api/3/issue/\(key)?fields=summary,status,labels,updated,description&properties=guance.sync&expand=renderedFields")
            let fields = try #require(fetched.json?["fields"])
            #expect(fields["summary"]?.stringValue == "CPU > 90%")
            #expect(fields["labels"] == ["guance", "guance-issue-7f3a9c"])
            #expect(fields["status"]?["statusCategory"]?["key"]?.stringValue == "new")
            #expect(fields["description"]?["type"]?.stringValue == "doc")
            #expect(fields["priority"] == nil)
            #expect(fetched.json?["properties"]?["guance.sync"]?["issueUuid"]?.stringValue == "issue_7f3a9c")
            #expect(fetched.json?["renderedFields"]?["description"]?.stringValue?.contains("m-42") == true)
            let updated = try #require(fields["updated"]?.stringValue)
            #expect(updated.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$"#, options: .regularExpression) != nil)

            let v2 = try await sim.send(.GET, "/rest/api/2/issue/\(key)?fields=description")
            #expect(v2.json?["fields"]?["description"]?.stringValue == "Detected by monitor m-42")
        }
    }

    @Test("v3 refuses a string description, labels with spaces and fields not on the screen")
    func createValidation() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let base: [String: SimJSON] = ["project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": "s"]
            var stringDescription = base
            stringDescription["description"] = "plain"
            let first = try await sim.send(.POST, "/rest/api/3/issue", body: ["fields": .object(stringDescription)])
            #expect(first.status == 400)
            #expect(first.json?["errors"]?["description"] != nil)

            var spaced = base
            spaced["labels"] = ["db error"]
            let second = try await sim.send(.POST, "/rest/api/3/issue", body: ["fields": .object(spaced)])
            #expect(second.status == 400)
            #expect(second.json?["errors"]?["labels"]?.stringValue?.contains("db error") == true)

            var unknown = base
            unknown["customfield_10099"] = "x"
            let third = try await sim.send(.POST, "/rest/api/3/issue", body: ["fields": .object(unknown)])
            #expect(third.status == 400)
            #expect(third.json?["errors"]?["customfield_10099"] != nil)
            #expect(third.json?["errorMessages"]?.arrayValue != nil)

            let v2String = try await sim.send(.POST, "/rest/api/2/issue", body: ["fields": .object(stringDescription)])
            #expect(v2String.status == 201)
        }
    }

    @Test("PUT edits fields and adds/removes labels; DC stores wiki strings", arguments: JiraSimulatorOptions.Flavour.allCases)
    func edit(flavour: JiraSimulatorOptions.Flavour) async throws {
        try await SimulatorHarness.with(.test(flavour)) { sim in
            let key = try await sim.createIssue(summary: "before", labels: ["keep", "drop"])
            let edited = try await sim.send(
                .PUT, "\(sim.api)/issue/\(key)",
                body: ["fields": ["summary": "after"], "update": ["labels": [["add": "added"], ["remove": "drop"]]]])
            #expect(edited.status == 204)
            let fetched = try await sim.send(.GET, "\(sim.api)/issue/\(key)?fields=summary,labels,description")
            #expect(fetched.json?["fields"]?["summary"]?.stringValue == "after")
            #expect(fetched.json?["fields"]?["labels"] == ["keep", "added"])
            if flavour == .dataCenter {
                #expect(fetched.json?["fields"]?["description"]?.stringValue == "Created by a test")
            }
            let conflict = try await sim.send(
                .PUT, "\(sim.api)/issue/\(key)", body: ["fields": ["labels": ["a"]], "update": ["labels": [["add": "b"]]]])
            #expect(conflict.status == 400)
            #expect(try await sim.send(.GET, "\(sim.api)/issue/NOPE-1").status == 404)
            let alice = sim.simulator.options.users[1]
            let quietByHuman = try await sim.send(.PUT, "\(sim.api)/issue/\(key)?notifyUsers=false", body: ["fields": ["summary": "q"]], as: alice)
            #expect(quietByHuman.status == 403)
            let quietByAdmin = try await sim.send(.PUT, "\(sim.api)/issue/\(key)?notifyUsers=false", body: ["fields": ["summary": "q"]])
            #expect(quietByAdmin.status == 204)
        }
    }

    @Test("issue properties and remote links upsert by globalId")
    func propertiesAndRemoteLinks() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let key = try await sim.createIssue(summary: "links")
            #expect(try await sim.send(.GET, "/rest/api/3/issue/\(key)/properties/guance.sync").status == 404)
            #expect(try await sim.send(.PUT, "/rest/api/3/issue/\(key)/properties/guance.sync", body: ["v": 1]).status == 201)
            #expect(try await sim.send(.PUT, "/rest/api/3/issue/\(key)/properties/guance.sync", body: ["v": 2]).status == 200)
            let property = try await sim.send(.GET, "/rest/api/3/issue/\(key)/properties/guance.sync")
            #expect(property.json?["value"] == ["v": 2])

            let globalId = "system=guance&ws=wksp_1&issue=issue_7f3a9c"
            let link: SimJSON = [
                "globalId": .string(globalId), "relationship": "tracked in",
                "object": ["url": "https://console.guance.com/x", "title": "Guance issue", "summary": "CPU"],
            ]
            let first = try await sim.send(.POST, "/rest/api/3/issue/\(key)/remotelink", body: link)
            #expect(first.status == 201)
            let second = try await sim.send(
                .POST, "/rest/api/3/issue/\(key)/remotelink",
                body: ["globalId": .string(globalId), "object": ["url": "https://console.guance.com/y", "title": "Renamed"]])
            #expect(second.status == 200)
            #expect(second.json?["id"] == first.json?["id"])
            let encoded = globalId.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? globalId
            let fetched = try await sim.send(.GET, "/rest/api/3/issue/\(key)/remotelink?globalId=\(encoded)")
            #expect(fetched.json?["object"]?["title"]?.stringValue == "Renamed")
            #expect(fetched.json?["relationship"] == .null)
            #expect(try await sim.send(.DELETE, "/rest/api/3/issue/\(key)/remotelink?globalId=\(encoded)").status == 204)
            #expect(try await sim.send(.GET, "/rest/api/3/issue/\(key)/remotelink?globalId=\(encoded)").status == 404)
            let missingTitle = try await sim.send(
                .POST, "/rest/api/3/issue/\(key)/remotelink", body: ["object": ["url": "https://x"]])
            #expect(missingTitle.status == 400)
        }
    }
}
