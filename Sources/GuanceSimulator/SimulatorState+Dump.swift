import RichText

extension SimulatorState {
    /// Everything, as JSON: issues (get shape, deleted included), replies (list shape), channels, levels,
    /// behaviour-independent counters and the latest request-log entries.
    func dump(now: Double) -> JSONValue {
        let sortedIssues = issues.values.sorted { $0.id < $1.id }
        let sortedReplies = replies.values.sorted { $0.id < $1.id }
        let counts: [String: JSONValue] = log.counts.mapValues { byStatus in
            .object(Dictionary(uniqueKeysWithValues: byStatus.map { (String($0.key), .int(Int64($0.value))) }))
        }
        let entries: [JSONValue] = log.entries.map { entry in
            .object([
                "sequence": .int(Int64(entry.sequence)), "time": .double(entry.time),
                "method": .string(entry.method), "path": .string(entry.path), "endpoint": .string(entry.endpoint),
                "status": .int(Int64(entry.status)), "keyID": entry.keyID.map(JSONValue.string) ?? .null,
                "errorCode": .string(entry.errorCode),
            ])
        }
        return .object([
            "now": .double(now),
            "workspaceUUID": .string(workspaceUUID),
            "defaultChannelUUID": .string(defaultChannelUUID),
            "issues": .array(sortedIssues.map { render($0, detailed: true) }),
            "replies": .array(sortedReplies.map { render($0, listShape: true) }),
            "channels": .array(channels.map { render($0) }),
            "levels": .array(levels.map { render($0) }),
            "faults": .int(Int64(faults.count)),
            "behaviour": (try? CodablePatch.json(behaviour)) ?? .null,
            "rateLimits": (try? CodablePatch.json(rateLimiter.options)) ?? .null,
            "requests": .object([
                "total": .int(Int64(log.total)),
                "throttled": .int(Int64(log.throttledByKey + log.throttledByWorkspace)),
                "throttledByKey": .int(Int64(log.throttledByKey)),
                "throttledByWorkspace": .int(Int64(log.throttledByWorkspace)),
                "injectedFaults": .int(Int64(log.injectedFaults)),
                "countsByEndpoint": .object(counts),
                "log": .array(entries),
            ]),
        ])
    }
}
