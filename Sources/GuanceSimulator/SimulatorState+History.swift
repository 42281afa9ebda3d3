extension SimulatorState {
    /// Adds `count` monitor issues created evenly over `from…to` (epoch seconds) without requests or
    /// `change` replies: a workspace's history for benchmarks (`POST /__sim/history`). Every
    /// `openEvery`-th issue is still open; the others were resolved a day after they were created
    /// (at most at `to`).
    /// - Returns: each issue's UUID and `statusType`, oldest first.
    mutating func addHistory(count: Int, from: Double, to: Double, openEvery: Int) -> [(uuid: String, statusType: Int)] {
        var added: [(uuid: String, statusType: Int)] = []
        added.reserveCapacity(count)
        let step = count > 1 ? (to - from) / Double(count - 1) : 0
        for index in 0..<count {
            let createAt = (from + Double(index) * step).rounded(.down)
            let open = openEvery > 0 && index % openEvery == 0
            let issue = SimulatedIssue(
                uuid: Self.makeUUID(prefix: "issue_"), id: takeID(), name: "History \(index): 磁盘使用率 > 90% on node-\(index % 97)",
                description: "<p>disk at <b>9\(index % 10)%</b> on node-\(index % 97)</p>", level: "system_level_2",
                statusType: open ? 10 : 20, resourceType: "checker", resource: "node-\(index % 97)-\(index)", resourceUUID: "",
                extend: .object([:]), creator: .monitor, updator: .monitor, createAt: createAt,
                updateAt: open ? nil : min(createAt + 86_400, to).rounded(.down), deleteAt: nil, channelUUIDs: [],
                replyChannelUUIDs: [])
            issues[issue.uuid] = issue
            added.append((issue.uuid, issue.statusType))
        }
        return added
    }
}
