import Foundation
import PipelineTesting
import SyncCore
import Testing

/// guance-poller started alone — no other stage, fresh topics, a Guance workspace without any
/// issue — must become ready, publish an issue created after it started, and stop on SIGTERM
/// within its drain timeout.
@Suite("guance-poller: alone on a quiet workspace")
struct StandaloneTests {
    @Test("ready on an empty workspace, publishes an issue created after the start, exits 0 within the drain timeout")
    func quietWorkspace() async throws {
        try await PollerDeployment.with(requestsPerMinute: 600) { setup in
            let poller = try setup.startPoller()
            let probe = StageProbe(setup.deployment, stage: "guance-poller")
            let notReady = try await probe.waitUntilReady(timeout: .seconds(60))
            #expect(notReady == nil, "/readyz never answered 200: \(notReady ?? "")")

            let uuid = try await setup.guance.createIssue(name: "created after the start", description: "<p>late</p>")
            let deadline = ContinuousClock.now + .seconds(60)
            var published = false
            while !published, ContinuousClock.now < deadline {
                published = try await setup.topic.events().contains { $0.key == uuid }
                if !published { try await Task.sleep(for: .milliseconds(300)) }
            }
            #expect(published, "the issue created after the start was never published")

            let (status, elapsed) = try await StageProbe.stop(poller)
            print("MEASURED guance-poller alone: exit \(status.map(String.init) ?? "none") \(elapsed) after SIGTERM")
            #expect(status == 0, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(elapsed < StageProbe.defaultDrainTimeout, "took \(elapsed) to exit after SIGTERM")
        }
    }
}
