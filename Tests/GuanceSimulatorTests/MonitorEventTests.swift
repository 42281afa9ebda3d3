import GuanceSimulator
import RichText
import Testing

@Suite("Monitor events")
struct MonitorEventTests {
    @Test("repeats land on the open issue as replies; after resolution a new issue opens")
    func repeatsAppend() async throws {
        try await withSimulator { simulator, client async throws in
            let first = try await client.post(
                "/__sim/monitor-events", ["title": "CPU high", "message": "cpu 95%", "resource": "host-a"]
            )
            #expect(first.json["created"] == true)
            #expect(first.json["issue"]?["resourceType"] == "checker")
            let uuid = try #require(first.json["issue"]?["uuid"]?.stringValue)

            let repeated = try simulator.recordMonitorEvent(title: "CPU high", message: "cpu 97%", resource: "host-a")
            #expect(repeated.created == false)
            #expect(repeated.issue.uuid == uuid)
            #expect(simulator.replies(of: uuid).last?.content == "cpu 97%")
            let otherHost = try simulator.recordMonitorEvent(title: "CPU high", message: "cpu 91%", resource: "host-b")
            #expect(otherHost.created)

            _ = try await client.post("/api/v1/issue/\(uuid)/modify", ["statusType": 20, "extend": [:]])
            let afterResolve = try simulator.recordMonitorEvent(title: "CPU high", message: "again", resource: "host-a")
            #expect(afterResolve.created)
            #expect(afterResolve.issue.uuid != uuid)
        }
    }
}
