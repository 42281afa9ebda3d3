internal import Crdkafka
import Dispatch
import Logging
import Synchronization

/// Cluster administration: create topics, read metadata, measure lag, reset a group for replay.
///
/// Every call is a blocking librdkafka request; all run on a private dispatch queue.
public final class KafkaAdmin: Sendable {
    let client: RDKafkaClient
    let configuration: KafkaConfiguration
    let logger: Logger
    let blocking = BlockingQueue(label: "kafka.admin.blocking")

    /// Creates an admin client.
    /// - Throws: ``KafkaError`` when librdkafka rejects the settings.
    public init(configuration: KafkaConfiguration, logger: Logger) throws(KafkaError) {
        let properties = configuration.typedProperties().merging(configuration.additionalProperties) { $1 }
        let context = RDKafkaClientContext(logger: logger, properties: properties, statisticsHandler: nil)
        client = try RDKafkaClient(type: RD_KAFKA_PRODUCER, properties: properties, context: context)
        self.configuration = configuration
        self.logger = logger
    }

    /// Destroys the client. Idempotent.
    public func shutdown() async {
        let client = client
        await blocking.run { client.destroy() }
    }

    /// An admin client dropped without ``shutdown()`` is destroyed on a dispatch thread (it blocks),
    /// never on the cooperative pool that may be running this deinit.
    deinit {
        let client = client
        DispatchQueue.global().async { client.destroy() }
    }

    /// Runs a blocking admin call on the admin queue, unless the client is shut down: the check
    /// runs on the same serial queue as the destroy, so no call can use a destroyed handle.
    func runBlocking<T: Sendable>(_ work: @escaping @Sendable () -> Result<T, KafkaError>) async -> Result<T, KafkaError> {
        let client = client
        return await blocking.run {
            guard !client.isDestroyed else { return .failure(.shutdown("the admin client is shut down")) }
            // Nothing else polls this client: serve its error and log events here.
            rd_kafka_poll(client.handle, 0)
            return work()
        }
    }

    /// Creates `topics` with `rd_kafka_CreateTopics` (partitions, replication factor, configs).
    ///
    /// - Returns: per topic, whether it was created or existed already.
    /// - Throws: ``KafkaError`` (`.admin`) for the first topic that failed otherwise, or when the
    ///   broker does not implement CreateTopics (``KafkaError/isUnsupportedByBroker``; librdkafka's
    ///   mock cluster is such a broker — use `KafkaMock`'s `KafkaMockCluster.createTopic`).
    public func createTopics(_ topics: [KafkaTopicSpecification], timeout: Duration = .seconds(30)) async throws -> [String: KafkaTopicCreation] {
        let client = client
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        let outcome: Result<[String: KafkaTopicCreation], KafkaError> = await runBlocking {
            Self.createTopicsBlocking(client: client, topics: topics, timeoutMilliseconds: milliseconds)
        }
        return try outcome.get()
    }

    private static func createTopicsBlocking(
        client: RDKafkaClient,
        topics: [KafkaTopicSpecification],
        timeoutMilliseconds: Int32
    ) -> Result<[String: KafkaTopicCreation], KafkaError> {
        var errorText = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
        for topic in topics {
            guard let newTopic = rd_kafka_NewTopic_new(
                topic.name, Int32(topic.partitions), Int32(topic.replicationFactor), &errorText, errorText.count
            ) else {
                let reason = errorText.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                return .failure(KafkaError(kind: .admin, reason: "topic \(topic.name): \(reason)"))
            }
            newTopics.append(newTopic)
            for (key, value) in topic.configs.sorted(by: { $0.key < $1.key }) {
                let error = rd_kafka_NewTopic_set_config(newTopic, key, value)
                if error != RD_KAFKA_RESP_ERR_NO_ERROR {
                    return .failure(.rdKafka(.admin, error, context: "topic \(topic.name) config \(key)"))
                }
            }
        }
        let queue = rd_kafka_queue_new(client.handle)
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        rd_kafka_AdminOptions_set_request_timeout(options, timeoutMilliseconds, &errorText, errorText.count)
        rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMilliseconds, &errorText, errorText.count)
        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(client.handle, buffer.baseAddress, buffer.count, options, queue)
        }
        guard let event = rd_kafka_queue_poll(queue, timeoutMilliseconds.addingReportingOverflow(5000).overflow ? Int32.max : timeoutMilliseconds + 5000) else {
            return .failure(.rdKafka(.admin, RD_KAFKA_RESP_ERR__TIMED_OUT, context: "create topics"))
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        guard eventError == RD_KAFKA_RESP_ERR_NO_ERROR else {
            return .failure(.rdKafka(.admin, eventError, context: "create topics"))
        }
        var count = 0
        guard let result = rd_kafka_event_CreateTopics_result(event),
              let results = rd_kafka_CreateTopics_result_topics(result, &count)
        else {
            return .failure(KafkaError(kind: .admin, reason: "create topics: no result"))
        }
        var outcome: [String: KafkaTopicCreation] = [:]
        for index in 0..<count {
            let topicResult = results[index]
            let name = String(cString: rd_kafka_topic_result_name(topicResult))
            let error = rd_kafka_topic_result_error(topicResult)
            switch error {
            case RD_KAFKA_RESP_ERR_NO_ERROR: outcome[name] = .created
            case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: outcome[name] = .alreadyExisted
            default: return .failure(.rdKafka(.admin, error, context: "create topic \(name)"))
            }
        }
        return .success(outcome)
    }

    /// Every topic in the cluster's metadata (internal topics excluded), sorted by name.
    public func listTopics(timeout: Duration = .seconds(10)) async throws -> [KafkaTopicMetadata] {
        let client = client
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        let outcome: Result<[KafkaTopicMetadata], KafkaError> = await runBlocking {
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let error = rd_kafka_metadata(client.handle, 1, nil, &metadata, milliseconds)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                return .failure(.rdKafka(.admin, error, context: "metadata"))
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            let topics = UnsafeBufferPointer(start: metadata.pointee.topics, count: Int(metadata.pointee.topic_cnt))
            return .success(topics.filter { $0.err == RD_KAFKA_RESP_ERR_NO_ERROR }.map { topic in
                let partitions = UnsafeBufferPointer(start: topic.partitions, count: Int(topic.partition_cnt)).map { partition in
                    KafkaTopicMetadata.Partition(
                        id: partition.id,
                        leader: partition.leader,
                        replicas: Array(UnsafeBufferPointer(start: partition.replicas, count: Int(partition.replica_cnt)))
                    )
                }
                return KafkaTopicMetadata(name: String(cString: topic.topic), partitions: partitions.sorted { $0.id < $1.id })
            }
            .filter { !$0.name.hasPrefix("__") }
            .sorted { $0.name < $1.name })
        }
        return try outcome.get()
    }
}
