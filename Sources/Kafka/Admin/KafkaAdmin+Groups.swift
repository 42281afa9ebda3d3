internal import Crdkafka

extension KafkaAdmin {
    /// A consumer group as its coordinator describes it (`rd_kafka_list_groups`).
    public struct GroupDescription: Sendable, Hashable {
        /// One live member of the group.
        public struct Member: Sendable, Hashable {
            /// The member id the coordinator assigned.
            public var memberID: String
            /// The member's `client.id`.
            public var clientID: String
            /// The host the member connects from, as the broker sees it.
            public var clientHost: String
        }

        /// The group id.
        public var group: String
        /// The coordinator's state name, e.g. `Stable`, `PreparingRebalance`, `Empty`, `Dead`.
        public var state: String
        /// The members currently in the group (empty when nobody consumes).
        public var members: [Member]
    }

    /// Describes `group`: its state and live members.
    ///
    /// - Returns: `nil` when no broker knows the group (it never had members or committed offsets).
    /// - Throws: ``KafkaError`` (`.admin`); ``KafkaError/isUnsupportedByBroker`` when the cluster
    ///   does not implement ListGroups/DescribeGroups (librdkafka 2.0.2's mock cluster is such a
    ///   cluster), so callers can fall back to another safety check.
    public func describeGroup(_ group: String, timeout: Duration = .seconds(10)) async throws -> GroupDescription? {
        let client = client
        let milliseconds = Int32(clamping: max(1, timeout.wholeMilliseconds))
        let outcome: Result<GroupDescription?, KafkaError> = await runBlocking {
            Self.describeGroupBlocking(client: client, group: group, timeoutMilliseconds: milliseconds)
        }
        return try outcome.get()
    }

    private static func describeGroupBlocking(
        client: RDKafkaClient, group: String, timeoutMilliseconds: Int32
    ) -> Result<GroupDescription?, KafkaError> {
        var list: UnsafePointer<rd_kafka_group_list>?
        let error = rd_kafka_list_groups(client.handle, group, &list, timeoutMilliseconds)
        defer { if let list { rd_kafka_group_list_destroy(list) } }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let list else {
            return .failure(.rdKafka(.admin, error, context: "describe group \(group)"))
        }
        let groups = UnsafeBufferPointer(start: list.pointee.groups, count: Int(list.pointee.group_cnt))
        guard let info = groups.first(where: { String(cString: $0.group) == group }) else { return .success(nil) }
        if info.err != RD_KAFKA_RESP_ERR_NO_ERROR {
            return .failure(.rdKafka(.admin, info.err, context: "describe group \(group)"))
        }
        let members = UnsafeBufferPointer(start: info.members, count: Int(info.member_cnt)).map { member in
            GroupDescription.Member(
                memberID: member.member_id.map { String(cString: $0) } ?? "",
                clientID: member.client_id.map { String(cString: $0) } ?? "",
                clientHost: member.client_host.map { String(cString: $0) } ?? ""
            )
        }
        let state = info.state.map { String(cString: $0) } ?? "Unknown"
        return .success(GroupDescription(group: group, state: state, members: members))
    }
}
