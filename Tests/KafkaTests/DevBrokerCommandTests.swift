import Foundation
import Kafka
import PipelineTesting
import Testing

@Suite("sync-dev dev-broker", .serialized)
struct DevBrokerCommandTests {
    @Test("prints the bootstrap servers first, serves every catalogue topic over TCP, exits 0 on SIGTERM")
    func devBrokerServesTheCatalogue() async throws {
        let bootstrapFile = FileManager.default.temporaryDirectory.appendingPathComponent(KafkaTestSupport.uniqueName("bootstrap"))
        defer { try? FileManager.default.removeItem(at: bootstrapFile) }
        let broker = try ChildProcess(
            ["dev-broker", "--brokers", "2", "--topics-dir", "/nonexistent-uses-built-in", "--bootstrap-file", bootstrapFile.path],
            executable: "sync-dev"
        )
        let started = await KafkaTestSupport.eventually { !broker.lines.isEmpty }
        try #require(started, "dev-broker printed nothing")
        let bootstrap = broker.lines[0]
        #expect(bootstrap.split(separator: ",").count == 2)
        #expect(bootstrap.hasPrefix("127.0.0.1:"))
        #expect(try String(contentsOf: bootstrapFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == bootstrap)

        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: [bootstrap]), logger: KafkaTestSupport.logger)
        let topics = try await admin.listTopics().map(\.name)
        await admin.shutdown()
        #expect(topics.contains { $0.hasPrefix("guance.events") })
        #expect(topics.contains { $0.hasPrefix("jira.events") })
        #expect(topics.count >= 5)

        broker.terminate()
        let exited = await KafkaTestSupport.eventually { broker.exitStatus != nil }
        #expect(exited)
        #expect(broker.exitStatus == 0)
    }
}
