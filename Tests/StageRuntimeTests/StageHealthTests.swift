import Foundation
import Kafka
import Logging
import ServiceLifecycle
@testable import StageRuntime
import SyncCore
import Testing

/// Fatal means exit, in process: what reaches ``StageHealth`` ends the host's service group.
@Suite("Stage health", .serialized)
struct StageHealthTests {
    typealias Support = StageRuntimeTestSupport

    /// A service that runs until cancelled or stopped.
    struct Idle: Service {
        func run() async throws {
            try? await gracefulShutdown()
        }
    }

    @Test("a failure reported to StageHealth ends the service group with cannotContinue; /healthz's report names it")
    func failureEndsTheGroup() async throws {
        let health = StageHealth()
        #expect(health.isHealthy && health.report == "ok\n")
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: StageHealthWatch(health: health), serviceName: "health-watch"),
                .init(service: Idle(), serviceName: "stage"),
            ],
            logger: Support.logger))
        let running = Task { try await group.run() }
        health.fail("kafka", reason: "fatal: OUT_OF_ORDER_SEQUENCE_NUMBER")
        await #expect(throws: StageError.cannotContinue(part: "kafka", reason: "fatal: OUT_OF_ORDER_SEQUENCE_NUMBER")) {
            try await running.value
        }
        #expect(!health.isHealthy)
        #expect(health.report == "kafka: fatal: OUT_OF_ORDER_SEQUENCE_NUMBER\n")
    }

    @Test("a stop ends the health watch quietly")
    func stopEndsTheWatch() async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: StageHealthWatch(health: StageHealth()), serviceName: "health-watch")],
            logger: Support.logger))
        let running = Task { try await group.run() }
        try await Task.sleep(for: .milliseconds(100))
        await group.triggerGracefulShutdown()
        try await running.value
    }

    @Test("a table reader the cluster stops serving reports to StageHealth; catchUp then fails")
    func deniedReaderFails() async throws {
        let cluster = try Support.cluster(partitions: 2)
        let kafka = Support.kafka(cluster)
        let producer = try Support.producer(cluster)
        let links = try await LinkStore(kafka: kafka, producer: producer, logger: Support.logger)
        try await links.record(LinkRecord(
            kind: .issue, guanceIssueUUID: "issue-1", jiraIssueId: "10001", jiraIssueKey: "OPS-1", origin: .guance,
            provenance: .created, linkedAt: Date()))
        // Fetch (API 1) answered TOPIC_AUTHORIZATION_FAILED (29): only the link table fetches here.
        cluster.pushRequestErrors(apiKey: 1, errorCodes: [29])
        let failed = await Support.eventually(within: .seconds(30)) { !kafka.health.isHealthy }
        #expect(failed)
        #expect(kafka.health.failures.first?.part == "reader of \(SyncTopic.links.name)")
        await #expect(throws: (any Error).self) { try await links.catchUp(timeout: .seconds(5)) }
        await links.close()
        await producer.shutdown()
    }
}
