extension TopicCatalog {
    /// The catalogue compiled into the executables, for when `topics/` is not at hand.
    ///
    /// Operationally identical to `topics/*.yaml` (a test enforces it); the prose lives there.
    public static let builtIn: TopicCatalog = {
        let thirtyDays = "2592000000"
        let ninetyDays = "7776000000"
        let json = "json (utf-8)"
        let string = "utf-8 string"
        func log(
            _ topic: SyncTopic, partitions: Int, retentionMs: String, segmentMs: String? = nil, key: String, value: String
        ) -> TopicDefinition {
            TopicDefinition(
                name: topic.name, description: "See topics/\(topic.name).yaml.", partitions: partitions,
                replicationFactor: 3,
                configs: ["cleanup.policy": "delete", "retention.ms": retentionMs, "min.insync.replicas": "2"]
                    .merging(segmentMs.map { ["segment.ms": $0] } ?? [:]) { $1 },
                key: .init(format: string, description: key), value: .init(format: json, description: value)
            )
        }
        func table(_ topic: SyncTopic, partitions: Int, extra: [String: String], key: String, value: String) -> TopicDefinition {
            TopicDefinition(
                name: topic.name, description: "See topics/\(topic.name).yaml.", partitions: partitions,
                replicationFactor: 3,
                configs: ["cleanup.policy": "compact", "min.insync.replicas": "2"].merging(extra) { $1 },
                key: .init(format: string, description: key), value: .init(format: json, description: value)
            )
        }
        let topics = [
            log(.guanceEvents, partitions: 12, retentionMs: thirtyDays, key: "Guance issue UUID", value: "event envelope"),
            log(.jiraEvents, partitions: 12, retentionMs: thirtyDays, key: "Jira issue id", value: "event envelope"),
            table(.links, partitions: 3, extra: ["min.compaction.lag.ms": "3600000"], key: "issue/…, reply/…, comment/…", value: "link record"),
            table(.status, partitions: 3, extra: ["min.compaction.lag.ms": "3600000"], key: "<guance issue uuid>/<writer>", value: "status agreement"),
            table(.checkpoints, partitions: 1, extra: [:], key: "<poller>/<scope>", value: "cursor"),
            log(.deadLetters, partitions: 3, retentionMs: ninetyDays, key: "original key", value: "dead letter"),
            log(.budget, partitions: 1, retentionMs: "600000", segmentMs: "600000", key: "usage/…, state/…, loan/… per key fingerprint", value: "requests of the window, lending report, or loan"),
        ]
        // The literal above is validated by TopicCatalogTests; a failure here is a programming error.
        return try! TopicCatalog(topics: topics)
    }()
}
