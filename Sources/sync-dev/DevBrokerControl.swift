import Foundation
import Hummingbird
import Kafka
import KafkaMock
import Logging
import Synchronization

/// The dev broker's control API (`sync-dev dev-broker --control-port`): outages and leader moves of
/// the mock cluster, for chaos tests and for trying failover by hand. Loopback only, no
/// authentication; never part of a production deployment.
///
/// | Route | Body | Effect |
/// |---|---|---|
/// | `GET /` | | `{"brokers":3,"down":[2]}` |
/// | `POST /brokers/{id}/down` | | the broker drops its connections and refuses new ones |
/// | `POST /brokers/{id}/up` | | the broker accepts connections again |
/// | `POST /leaders` | `{"topic":"guance.events.v1","partition":0,"broker":2}` | moves a partition's leader |
/// | `POST /coordinators` | `{"group":"guance-jira-sync.jira-writer","broker":1}` | pins a consumer group's coordinator |
struct DevBrokerControl: Sendable {
    let cluster: KafkaMockCluster
    let down = DownBrokers()

    /// Serves the control API on 127.0.0.1:`port` (0 = any free port) until cancelled; calls
    /// `onListening` with the base URL once it listens.
    func run(port: Int, logger: Logger, onListening: @escaping @Sendable (String) -> Void) async throws {
        let router = Router()
        router.get("/") { _, _ in try await self.json(["brokers": cluster.brokerCount, "down": down.sorted]) }
        router.post("/brokers/:id/:state") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int32.self), (1...Int32(cluster.brokerCount)).contains(id),
                let state = context.parameters.get("state"), ["down", "up"].contains(state)
            else { return try await self.json(["error": "POST /brokers/{1…\(cluster.brokerCount)}/{down|up}"], status: .badRequest) }
            try await Self.offPool { [cluster] () throws -> Void in
                if state == "down" { try cluster.setBrokerDown(id) } else { try cluster.setBrokerUp(id) }
            }
            down.set(id, isDown: state == "down")
            return try await self.json(["brokers": cluster.brokerCount, "down": down.sorted])
        }
        router.post("/leaders") { request, context -> Response in
            struct Move: Decodable { var topic: String; var partition: Int32; var broker: Int32 }
            let move = try await request.decode(as: Move.self, context: context)
            try await Self.offPool { [cluster] () throws -> Void in
                try cluster.setPartitionLeader(topic: move.topic, partition: move.partition, broker: move.broker)
            }
            return try await self.json(["topic": move.topic, "partition": Int(move.partition), "leader": Int(move.broker)])
        }
        router.post("/coordinators") { request, context -> Response in
            struct Pin: Decodable { var group: String; var broker: Int32 }
            let pin = try await request.decode(as: Pin.self, context: context)
            try await Self.offPool { [cluster] () throws -> Void in
                try cluster.setGroupCoordinator(group: pin.group, broker: pin.broker)
            }
            return try await self.json(["group": pin.group, "coordinator": Int(pin.broker)])
        }
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in onListening("http://127.0.0.1:\(channel.localAddress?.port ?? 0)") },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [])
    }

    private func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) async throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Runs a mock-cluster command (a blocking librdkafka call) on a thread of its own, not on the cooperative pool.
    private static func offPool(_ command: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do {
                    try command()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// The brokers the control API took down.
final class DownBrokers: Sendable {
    private let ids = Mutex<Set<Int32>>([])

    func set(_ id: Int32, isDown: Bool) {
        ids.withLock { if isDown { $0.insert(id) } else { $0.remove(id) } }
    }

    var sorted: [Int] { ids.withLock { $0.sorted().map(Int.init) } }
}
