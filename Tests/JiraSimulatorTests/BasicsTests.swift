import Foundation
import JiraSimulator
import Testing

@Suite("Server info, identity and authentication")
struct BasicsTests {
    @Test("serverInfo reports the deployment type", arguments: JiraSimulatorOptions.Flavour.allCases)
    func serverInfo(flavour: JiraSimulatorOptions.Flavour) async throws {
        try await SimulatorHarness.with(.test(flavour)) { sim in
            let info = try await sim.send(.GET, "/rest/api/2/serverInfo")
            #expect(info.status == 200)
            #expect(info.json?["deploymentType"]?.stringValue == (flavour == .cloud ? "Cloud" : "DataCenter"))
            #expect(info.json?["versionNumbers"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test("myself carries the profile time zone; Cloud adds X-AAccountId, DC name/key")
    func myself() async throws {
        let users = [
            JiraSimulatorUser(
                accountId: "acc-1", name: "syncbot", displayName: "Sync", emailAddress: "sync@x.test", token: "t1",
                timeZone: "Asia/Shanghai", isAdmin: true)
        ]
        try await SimulatorHarness.with(.test(.cloud, users: users)) { sim in
            let me = try await sim.send(.GET, "/rest/api/3/myself")
            #expect(me.json?["accountId"]?.stringValue == "acc-1")
            #expect(me.json?["timeZone"]?.stringValue == "Asia/Shanghai")
            #expect(me.headers["x-aaccountid"] == "acc-1")
        }
        try await SimulatorHarness.with(.test(.dataCenter, users: users)) { sim in
            let me = try await sim.send(.GET, "/rest/api/2/myself")
            #expect(me.json?["name"]?.stringValue == "syncbot")
            #expect(me.json?["key"]?.stringValue == "syncbot")
            #expect(me.json?["timeZone"]?.stringValue == "Asia/Shanghai")
            #expect(me.headers["x-aaccountid"] == nil)
        }
    }

    @Test("wrong credentials and the wrong scheme give 401 with an ErrorCollection")
    func authentication() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let user = sim.simulator.options.users[0]
            let wrong = "Basic " + Data("\(user.emailAddress):nope".utf8).base64EncodedString()
            let denied = try await sim.send(.GET, "/rest/api/3/myself", authorization: wrong)
            #expect(denied.status == 401)
            #expect(denied.json?["errorMessages"]?.arrayValue?.isEmpty == false)
            #expect(denied.json?["errors"]?.objectValue != nil)
            #expect(try await sim.send(.GET, "/rest/api/3/myself", authorization: "Bearer \(user.token)").status == 401)
        }
        try await SimulatorHarness.with(.test(.dataCenter)) { sim in
            let user = sim.simulator.options.users[0]
            let patAsPassword = "Basic " + Data("\(user.name):\(user.token)".utf8).base64EncodedString()
            let patAsPasswordResult = try await sim.send(.GET, "/rest/api/2/myself", authorization: patAsPassword)
            #expect(patAsPasswordResult.status == 401)
            let bearer = try await sim.send(.GET, "/rest/api/2/myself")
            #expect(bearer.status == 200)
            let v3 = try await sim.send(.GET, "/rest/api/3/myself")
            #expect(v3.status == 404)
        }
    }
}
