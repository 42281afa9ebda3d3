import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// The dev broker's control API (`sync-dev dev-broker --control-port`), as the chaos test drives it.
@Suite("sync-dev dev-broker: control API")
struct DevBrokerControlTests {
    @Test("outages, leader moves and a pinned group coordinator are answered; a malformed request is refused")
    func controlRoutes() async throws {
        let deployment = try await TestDeployment(brokerControl: true)
        let base = try #require(deployment.brokerControlURL)
        let control = PipelineTestSupport.control(deployment)
        do {
            let pinned = try await control.call(base + "/coordinators", body: ["group": "guance-jira-sync.jira-writer", "broker": 2])
            #expect(pinned["group"] as? String == "guance-jira-sync.jira-writer")
            #expect(pinned["coordinator"] as? Int == 2)
            let down = try await control.call(base + "/brokers/3/down")
            #expect(down["down"] as? [Int] == [3])
            let up = try await control.call(base + "/brokers/3/up")
            #expect(up["down"] as? [Int] == [])
            let moved = try await control.call(base + "/leaders", body: ["topic": "guance.events.v1", "partition": 0, "broker": 2])
            #expect(moved["leader"] as? Int == 2)
            await #expect(throws: SimulatorControlError.self) {
                _ = try await control.call(base + "/coordinators", body: ["broker": 2])
            }
        } catch {
            Issue.record("\(error)")
        }
        await deployment.stop()
    }
}
