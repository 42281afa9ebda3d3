internal import CrdkafkaMock
import Kafka
import Logging

/// An in-memory Kafka cluster (librdkafka's mock cluster) listening on 127.0.0.1.
///
/// - Important: for development and tests only (module `KafkaMock`, which no production
///   executable links). It keeps everything in memory, loses it on
///   exit, and implements only part of the protocol (librdkafka 2.0.2: produce, fetch, list
///   offsets, metadata, consumer groups, offset commit/fetch, idempotent producer and
///   transactions — but no CreateTopics, DescribeConfigs, ListGroups or timestamp lookups).
///   Production uses a real Kafka cluster.
///
/// Clients connect to ``bootstrapServers`` over TCP like to any cluster, from this process or
/// others. Brokers are numbered 1…N.
package final class KafkaMockCluster: Sendable {
    private let host: KafkaClientHost
    private let cluster: MockClusterHandle

    /// The `host:port,…` list clients use as `bootstrap.servers`.
    package let bootstrapServers: String
    /// The number of brokers.
    package let brokerCount: Int

    /// Starts a mock cluster of `brokers` brokers on ephemeral ports of 127.0.0.1.
    /// - Throws: ``KafkaError`` when librdkafka cannot start it.
    package init(brokers: Int = 3, logger: Logger) throws(KafkaError) {
        host = try KafkaClientHost(clientID: "mock-cluster-host", logger: logger)
        guard let cluster = rd_kafka_mock_cluster_new(host.handle, Int32(brokers)) else {
            host.destroy()
            throw KafkaError(kind: .mockCluster, reason: "cannot start a mock cluster of \(brokers) brokers")
        }
        self.cluster = MockClusterHandle(pointer: cluster)
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        brokerCount = brokers
    }

    /// Creates `name` with `partitions` partitions, each replicated `replicationFactor` times
    /// (at most the number of brokers).
    package func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws(KafkaError) {
        try ensureRunning("create topic \(name)")
        let error = rd_kafka_mock_topic_create(cluster.pointer, name, Int32(partitions), Int32(replicationFactor))
        try check(error, "create topic \(name)")
    }

    /// Creates every topic of `specifications` (configs are not modelled by the mock).
    package func createTopics(_ specifications: [KafkaTopicSpecification]) throws(KafkaError) {
        for specification in specifications {
            try createTopic(specification.name, partitions: specification.partitions, replicationFactor: specification.replicationFactor)
        }
    }

    /// Takes broker `id` (1…N) down: its connections are closed and it refuses new ones.
    package func setBrokerDown(_ id: Int32) throws(KafkaError) {
        try ensureRunning("set broker \(id) down")
        try check(rd_kafka_mock_broker_set_down(cluster.pointer, id), "set broker \(id) down")
    }

    /// Brings broker `id` back up.
    package func setBrokerUp(_ id: Int32) throws(KafkaError) {
        try ensureRunning("set broker \(id) up")
        try check(rd_kafka_mock_broker_set_up(cluster.pointer, id), "set broker \(id) up")
    }

    /// Makes broker `broker` the coordinator of consumer group `group` (instead of the mock's hash).
    package func setGroupCoordinator(group: String, broker: Int32) throws(KafkaError) {
        try ensureRunning("set the coordinator of \(group)")
        try check(rd_kafka_mock_coordinator_set(cluster.pointer, "group", group, broker), "set the coordinator of \(group)")
    }

    /// Makes the partition's leader broker `broker`.
    package func setPartitionLeader(topic: String, partition: Int32, broker: Int32) throws(KafkaError) {
        try ensureRunning("set a partition leader")
        try check(rd_kafka_mock_partition_set_leader(cluster.pointer, topic, partition, broker), "set leader of \(topic)[\(partition)]")
    }

    /// Makes the next `errorCodes.count` requests of Kafka API `apiKey` (e.g. 0 = Produce)
    /// fail with those Kafka error codes (e.g. 6 = NOT_LEADER_FOR_PARTITION), in order.
    package func pushRequestErrors(apiKey: Int16, errorCodes: [Int32]) {
        guard !cluster.isDestroyed else { return }
        let errors = errorCodes.map { rd_kafka_resp_err_t(rawValue: $0) }
        errors.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster.pointer, apiKey, buffer.count, buffer.baseAddress)
        }
    }

    deinit {
        shutdown()
    }

    /// Stops the cluster (blocking briefly while its thread exits). Idempotent.
    package func shutdown() {
        cluster.destroy()
        host.destroy()
    }

    private func ensureRunning(_ action: String) throws(KafkaError) {
        guard !cluster.isDestroyed else {
            throw KafkaError(kind: .shutdown, reason: "the mock cluster is shut down (\(action))")
        }
    }

    private func check(_ error: rd_kafka_resp_err_t, _ action: String) throws(KafkaError) {
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError.librdkafka(.mockCluster, code: error.rawValue, context: action)
        }
    }
}
