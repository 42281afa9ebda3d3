import Kafka
import ServiceLifecycle
import SyncCore

/// Keeps the `kafka` readiness check current until the process stops: the cluster answers and
/// has every topic of the catalogue.
struct KafkaReadinessProbe: Service {
    let context: StageContext
    /// The pause between two checks.
    static let interval: Duration = .seconds(10)

    func run() async throws {
        context.readiness.set("kafka", ready: false, detail: "not checked yet")
        guard let admin = try? KafkaAdmin(configuration: context.kafka.client, logger: context.logger) else {
            context.readiness.set("kafka", ready: false, detail: "client could not be created")
            try? await gracefulShutdown()
            return
        }
        let needed = Set(SyncTopic.allCases.map(\.name))
        while !StageShutdown.isRequested {
            do {
                let topics = Set(try await admin.listTopics().map(\.name))
                let missing = needed.subtracting(topics)
                context.readiness.set(
                    "kafka", ready: missing.isEmpty,
                    detail: missing.isEmpty ? "" : "missing topics \(missing.sorted().joined(separator: ","))")
            } catch {
                context.readiness.set("kafka", ready: false, detail: "unreachable")
            }
            try? await StageShutdown.sleep(for: Self.interval)
        }
        await admin.shutdown()
    }
}
