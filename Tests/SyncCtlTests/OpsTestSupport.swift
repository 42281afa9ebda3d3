import AsyncHTTPClient
import Foundation
import Kafka
import Logging
import NIOCore
import NIOHTTP1
import PipelineTesting
import StageRuntime
import Testing

/// Runs `syncctl` operations as child processes against a ``TestDeployment`` and reads what they
/// wrote back from Kafka.
struct OpsHarness {
    let deployment: TestDeployment
    let configurationPath: String
    let logger = Logger(label: "syncctl-tests")

    /// What one `syncctl` run printed and how it exited.
    struct Run {
        var status: Int32?
        var stdout: String

        /// Stdout parsed as JSON.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        }
    }

    init(simulatorArguments: [String] = []) async throws {
        deployment = try await TestDeployment(simulatorArguments: simulatorArguments)
        configurationPath = try deployment.writeConfiguration()
    }

    /// Kafka settings of the test's own clients.
    var kafka: StageKafka { StageKafka(brokers: [deployment.bootstrap], clientID: "syncctl-tests") }

    /// Runs `syncctl arguments` with the deployment's environment and waits for it to exit.
    func syncctl(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Run {
        let environment = try deployment.environment(configurationPath: configurationPath, extra: extra)
        let process = try ChildProcess(arguments, executable: "syncctl", environment: environment)
        let status = try await process.waitForExit(timeout: .seconds(90))
        if status == nil { process.kill() }
        // The reader thread may still be appending the last chunk after exit: wait until the
        // collected lines stop changing (three polls in a row, at most two seconds).
        var lines = process.lines
        var unchanged = 0
        var polls = 0
        while unchanged < 3 && polls < 100 {
            polls += 1
            try await Task.sleep(for: .milliseconds(20))
            let now = process.lines
            unchanged = now == lines ? unchanged + 1 : 0
            lines = now
        }
        return Run(status: status, stdout: lines.joined(separator: "\n"))
    }

    /// Every record of `topic`, read from the beginning to the end offsets at the time of the call.
    func records(of topic: String) async throws -> [KafkaConsumerMessage] {
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        var ends: [Int32: Int64] = [:]
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        do {
            let partitions = try #require(try await admin.listTopics().first { $0.name == topic }).partitions.map(\.id)
            for partition in partitions {
                let topicPartition = KafkaTopicPartition(topic: topic, partition: partition)
                let marks = try await admin.watermarks(of: topicPartition)
                if marks.high > marks.low {
                    ends[partition] = marks.high
                    assignment[topicPartition] = .beginning
                }
            }
            await admin.shutdown()
        } catch {
            await admin.shutdown()
            throw error
        }
        guard !assignment.isEmpty else { return [] }
        let consumer = try KafkaConsumer(
            configuration: kafka.reader(purpose: "test-\(UUID().uuidString)"), assignment: assignment, logger: logger)
        let reading = Task { [ends] in
            var remaining = ends
            var messages: [KafkaConsumerMessage] = []
            for try await message in consumer.messages {
                messages.append(message)
                if message.offset + 1 >= (remaining[message.partition] ?? 0) { remaining[message.partition] = nil }
                if remaining.isEmpty { break }
            }
            return messages
        }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            reading.cancel()
        }
        let found = try await reading.value
        watchdog.cancel()
        await consumer.close()
        return found.sorted { ($0.partition, $0.offset) < ($1.partition, $1.offset) }
    }

    /// A JSON request to a simulator; the answer parsed.
    func http(
        _ method: HTTPMethod, _ url: String, json body: Any? = nil, basic: (String, String)? = (TestDeployment.jiraEmail, TestDeployment.jiraToken)
    ) async throws -> Any {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let basic {
            let token = Data("\(basic.0):\(basic.1)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        #expect(response.status.code < 300, "\(method) \(url): \(response.status) \(String(buffer: bytes))")
        guard bytes.readableBytes > 0 else { return [String: Any]() }
        return try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView), options: [.fragmentsAllowed])
    }

    /// Starts a deployment, runs `body` with it, and stops it (also when `body` fails).
    static func run(simulatorArguments: [String] = [], _ body: (OpsHarness) async throws -> Void) async throws {
        let harness = try await OpsHarness(simulatorArguments: simulatorArguments)
        do {
            try await body(harness)
        } catch {
            await harness.deployment.stop()
            throw error
        }
        await harness.deployment.stop()
    }
}
