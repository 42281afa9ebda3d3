internal import Crdkafka

extension KafkaAdmin {
    /// The low and high watermarks of one partition.
    public func watermarks(of partition: KafkaTopicPartition, timeout: Duration = .seconds(10)) async throws -> (low: Int64, high: Int64) {
        let client = client
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        let outcome: Result<(low: Int64, high: Int64), KafkaError> = await runBlocking {
            Self.queryWatermarks(client: client, partition: partition, timeoutMilliseconds: milliseconds)
        }
        return try outcome.get()
    }

    /// Committed offset, watermarks and lag of `group` on every partition of `topic`.
    public func lag(group: String, topic: String, timeout: Duration = .seconds(10)) async throws -> [KafkaPartitionLag] {
        let partitions = try await partitions(of: topic, timeout: timeout)
        let groupClient = try makeGroupClient(group: group)
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        let outcome: Result<[KafkaPartitionLag], KafkaError> = await runBlocking {
            defer { groupClient.destroy() }
            return Self.committed(client: groupClient, partitions: partitions, timeoutMilliseconds: milliseconds).flatMap { committed in
                var lags: [KafkaPartitionLag] = []
                for partition in partitions {
                    switch Self.queryWatermarks(client: groupClient, partition: partition, timeoutMilliseconds: milliseconds) {
                    case .failure(let error): return .failure(error)
                    case .success(let marks):
                        let offset = committed[partition].flatMap { $0 >= 0 ? $0 : nil }
                        lags.append(KafkaPartitionLag(
                            topicPartition: partition, committedOffset: offset,
                            lowWatermark: marks.low, highWatermark: marks.high
                        ))
                    }
                }
                return .success(lags)
            }
        }
        return try outcome.get()
    }

    /// Commits new offsets for `group` on every partition of `topic`, so the group re-reads
    /// from `target` (replay) or skips ahead.
    ///
    /// The reset joins the group as its only member (waiting until it owns every partition of
    /// `topic`), commits the new offsets as that member, and leaves. Committing as a member works
    /// on every broker (librdkafka's mock cluster refuses commits from non-members with
    /// `UNKNOWN_MEMBER_ID`), and it doubles as a safety check: while other members are active
    /// the join never yields all partitions and the reset fails instead of racing their commits.
    ///
    /// The joining member uses `sessionTimeout`, which should be the session timeout of the
    /// group's own members (the default is theirs): librdkafka 2.0.2's mock cluster keeps one
    /// session timeout per group, the last joiner's; when members leave it schedules the next
    /// election that long minus one second later, and it expires a member still waiting for that
    /// election once the member's *own* session timeout has passed. A reset member with a shorter
    /// session than the members that just left cleanly would be dropped before the election and
    /// its join answered only after the JoinGroup request timed out (`max.poll.interval.ms` + 3 s),
    /// failing the take-over although nobody consumes. Brokers do not expire members awaiting a
    /// join; there the value only bounds how long a crashed reset member would linger.
    /// - Important: stop the group's consumers first.
    /// - Returns: the committed offset per partition.
    /// - Throws: ``KafkaError`` (`_TIMED_OUT` when the group still has active members).
    @discardableResult
    public func resetOffsets(
        group: String,
        topic: String,
        to target: KafkaOffsetResetTarget,
        timeout: Duration = .seconds(30),
        sessionTimeout: Duration = KafkaConsumerConfiguration.defaultSessionTimeout
    ) async throws -> [KafkaTopicPartition: Int64] {
        let partitions = try await partitions(of: topic, timeout: timeout)
        let groupClient = try makeGroupClient(group: group)
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        let resolved: Result<[KafkaTopicPartition: Int64], KafkaError> = await runBlocking {
            defer { groupClient.destroy() }
            return Self.resolve(target, client: groupClient, partitions: partitions, timeoutMilliseconds: milliseconds)
        }
        let offsets = try resolved.get()
        let member = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: configuration, groupID: group, sessionTimeout: sessionTimeout, heartbeatInterval: .milliseconds(500),
                maxPollInterval: .seconds(30), autoCommitInterval: nil
            ),
            topics: [topic],
            logger: logger
        )
        do {
            try await member.waitUntilAssigned(Set(partitions), timeout: timeout)
            try await member.commit(offsets)
        } catch {
            await member.close()
            throw error
        }
        await member.close()
        logger.info("Kafka group offsets reset", metadata: ["kafka.group": "\(group)", KafkaLogMetadataKey.topic: "\(topic)"])
        return offsets
    }

    private func partitions(of topic: String, timeout: Duration) async throws -> [KafkaTopicPartition] {
        guard let metadata = try await listTopics(timeout: timeout).first(where: { $0.name == topic }) else {
            throw KafkaError.rdKafka(.admin, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, context: "topic \(topic)")
        }
        return metadata.partitions.map { KafkaTopicPartition(topic: topic, partition: $0.id) }
    }

    /// A consumer-type client that is *not* subscribed: it can read and commit a group's
    /// offsets without joining the group.
    private func makeGroupClient(group: String) throws(KafkaError) -> RDKafkaClient {
        var properties = configuration.typedProperties().merging(configuration.additionalProperties) { $1 }
        properties["group.id"] = group
        properties["enable.auto.commit"] = "false"
        let context = RDKafkaClientContext(logger: logger, properties: properties, statisticsHandler: nil)
        return try RDKafkaClient(type: RD_KAFKA_CONSUMER, properties: properties, context: context)
    }

    /// The errors that mean the client asked a broker that no longer leads the partition.
    private static let leaderMoved = [
        RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
        RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH, RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH,
    ]

    /// `rd_kafka_query_watermark_offsets` asks the leader in the client's metadata cache and does not
    /// refresh that cache when the answer is "not leader" (librdkafka 2.0.2: a client that neither
    /// produces to nor consumes the topic never learns of the move and would ask the old leader
    /// forever). On such an answer the topic's metadata is refreshed and the query repeated.
    private static func queryWatermarks(
        client: RDKafkaClient, partition: KafkaTopicPartition, timeoutMilliseconds: Int32
    ) -> Result<(low: Int64, high: Int64), KafkaError> {
        var low: Int64 = 0
        var high: Int64 = 0
        var error = RD_KAFKA_RESP_ERR_NO_ERROR
        for attempt in 0..<4 {
            if attempt > 0 { refreshMetadata(client: client, topic: partition.topic, timeoutMilliseconds: timeoutMilliseconds) }
            error = rd_kafka_query_watermark_offsets(client.handle, partition.topic, partition.partition, &low, &high, timeoutMilliseconds)
            if error == RD_KAFKA_RESP_ERR_NO_ERROR { return .success((low, high)) }
            guard leaderMoved.contains(error) else { break }
        }
        return .failure(.rdKafka(.admin, error, context: "watermarks of \(partition)"))
    }

    /// Asks the cluster for `topic`'s metadata, which updates the client's cache (its partitions' leaders).
    private static func refreshMetadata(client: RDKafkaClient, topic: String, timeoutMilliseconds: Int32) {
        guard let handle = rd_kafka_topic_new(client.handle, topic, nil) else { return }
        defer { rd_kafka_topic_destroy(handle) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        if rd_kafka_metadata(client.handle, 0, handle, &metadata, timeoutMilliseconds) == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata {
            rd_kafka_metadata_destroy(metadata)
        }
    }

    private static func committed(
        client: RDKafkaClient, partitions: [KafkaTopicPartition], timeoutMilliseconds: Int32
    ) -> Result<[KafkaTopicPartition: Int64], KafkaError> {
        let list = RDKafkaTopicPartitionList.make(partitions.map { ($0, Int64(RD_KAFKA_OFFSET_INVALID)) })
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let error = rd_kafka_committed(client.handle, list, timeoutMilliseconds)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            return .failure(.rdKafka(.admin, error, context: "committed offsets"))
        }
        return .success(Dictionary(uniqueKeysWithValues: RDKafkaTopicPartitionList.entries(list).map { ($0.partition, $0.offset) }))
    }

    private static func resolve(
        _ target: KafkaOffsetResetTarget,
        client: RDKafkaClient,
        partitions: [KafkaTopicPartition],
        timeoutMilliseconds: Int32
    ) -> Result<[KafkaTopicPartition: Int64], KafkaError> {
        var offsets: [KafkaTopicPartition: Int64] = [:]
        var endOffsets: [KafkaTopicPartition: Int64] = [:]
        for partition in partitions {
            switch queryWatermarks(client: client, partition: partition, timeoutMilliseconds: timeoutMilliseconds) {
            case .failure(let error): return .failure(error)
            case .success(let marks):
                endOffsets[partition] = marks.high
                switch target {
                case .beginning: offsets[partition] = marks.low
                case .end, .timestamp: offsets[partition] = marks.high
                case .offset(let offset): offsets[partition] = min(max(offset, marks.low), marks.high)
                }
            }
        }
        guard case .timestamp(let milliseconds) = target else { return .success(offsets) }
        let list = RDKafkaTopicPartitionList.make(partitions.map { ($0, milliseconds) })
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let error = rd_kafka_offsets_for_times(client.handle, list, timeoutMilliseconds)
        if let failure = error != RD_KAFKA_RESP_ERR_NO_ERROR ? error : RDKafkaTopicPartitionList.firstError(list) {
            return .failure(.rdKafka(.admin, failure, context: "offsets for timestamp \(milliseconds)"))
        }
        for entry in RDKafkaTopicPartitionList.entries(list) where entry.offset >= 0 {
            offsets[entry.partition] = entry.offset
        }
        return .success(offsets)
    }
}
